// Small HTTP helpers of the fake Spotify: query and form decoding, JSON replies.
#pragma once

#include <map>
#include <string>

namespace encore::fake {

/// "a=1&b=x%20y" -> {a: 1, b: "x y"}; '+' is a space, as in forms.
std::map<std::string, std::string> parseForm(const std::string &text);

/// The query of "/path?query" as a map.
std::map<std::string, std::string> parseQuery(const std::string &target);

/// The integer value of `key`, or `fallback` when absent; -1 when present but not a number.
long long intParam(const std::map<std::string, std::string> &params, const std::string &key,
                   long long fallback);

/// BASE64URL(SHA256(text)) without padding, as in PKCE S256.
std::string s256(const std::string &text);

/// Decodes standard base64 (HTTP Basic credentials); "" when malformed.
std::string base64Decode(const std::string &text);

}  // namespace encore::fake
