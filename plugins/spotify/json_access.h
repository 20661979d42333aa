// Typed reads of untrusted upstream JSON. An absent or null member is "not there"; a
// member of the wrong type is a format error that fails the page before anything of it
// is stored.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace spotify {

using Json = nlohmann::json;

class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses an upstream answer, leaving out members no record is made of (in real answers
/// `available_markets` alone holds ~180 strings per track and per album). The result is
/// discarded() when the text is not JSON.
Json parseLean(std::string_view text);

/// The member, or nullptr when absent or null.
const Json *member(const Json &object, const char *key);

/// A string member in place (nullptr when absent or null; FormatError when not a string).
const std::string *stringMember(const Json &object, const char *key);
std::optional<std::string> optString(const Json &object, const char *key);
std::optional<int64_t> optInt(const Json &object, const char *key);
std::optional<bool> optBool(const Json &object, const char *key);
/// An object member (nullptr when absent or null; FormatError when not an object).
const Json *optObject(const Json &object, const char *key);
/// An array member; FormatError when absent, null or not an array.
const Json &requireArray(const Json &object, const char *key);

/// A Spotify base-62 id: safe to put into a URL path and to store as an external id.
bool isSpotifyId(const std::string &id);

/// "2023-09-22T15:23:14.294Z" (also without fraction, or with +HH:MM) -> Unix ms; a
/// time without seconds or without a zone is not Spotify's.
std::optional<int64_t> parseTimestampMs(const std::string &text);

}  // namespace spotify
