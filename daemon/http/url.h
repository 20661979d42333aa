// The parts of an absolute http(s) URL the HTTP service needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace encore {

struct ParsedUrl {
  std::string scheme;  // "http" | "https"
  std::string host;    // lower case, without brackets
  uint16_t port = 0;
  std::string pathAndQuery;  // "/v1/me?limit=50", at least "/"

  /// "https://api.spotify.com:443": the key of rate limits, pauses and breakers.
  std::string hostKey() const;
};

/// Parses an absolute http:// or https:// URL; nullopt for anything else (other schemes,
/// user info, control characters, bad ports).
std::optional<ParsedUrl> parseUrl(std::string_view url);

/// Percent-encodes everything but RFC 3986 unreserved characters.
std::string urlEncode(std::string_view text);

/// Decodes %XX and '+' (as in form bodies and query strings). nullopt on a bad escape.
std::optional<std::string> urlDecode(std::string_view text);

}  // namespace encore
