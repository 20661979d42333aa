// Typed reads of untrusted upstream JSON. An absent or null member is "not there"; a
// member of the wrong type is a format error that fails the page before anything of it
// is stored.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

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
Json parseLean(const std::string &text);

/// The member, or nullptr when absent or null.
const Json *member(const Json &object, const char *key);

std::optional<std::string> optString(const Json &object, const char *key);
std::optional<int64_t> optInt(const Json &object, const char *key);
std::optional<bool> optBool(const Json &object, const char *key);
/// An object member (nullptr when absent or null; FormatError when not an object).
const Json *optObject(const Json &object, const char *key);
/// An array member; FormatError when absent, null or not an array.
const Json &requireArray(const Json &object, const char *key);

/// A Spotify base-62 id: safe to put into a URL path and to store as an external id.
bool isSpotifyId(const std::string &id);

/// Cuts `text` to at most `maxBytes` without splitting a UTF-8 sequence.
std::string truncateUtf8(const std::string &text, size_t maxBytes);

/// "2023-09-22T15:23:14.294Z" (also without fraction, or with +HH:MM) -> Unix ms.
std::optional<int64_t> parseTimestampMs(const std::string &text);

}  // namespace spotify
