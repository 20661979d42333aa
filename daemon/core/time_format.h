// Timestamps as text: ISO-8601 UTC for the API and logs, HTTP dates for Retry-After.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace encore {

/// "2026-11-21T10:53:00Z" (or with ".123" milliseconds when `withMillis`).
std::string formatIsoUtc(int64_t epochMs, bool withMillis = false);

/// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM)" and "YYYY-MM-DD HH:MM[:SS]" (taken as
/// UTC). Returns Unix milliseconds, or nullopt for anything else.
std::optional<int64_t> parseIsoUtc(std::string_view text);

/// Parses an HTTP date (RFC 7231 IMF-fixdate, RFC 850 or asctime). Unix milliseconds.
std::optional<int64_t> parseHttpDate(std::string_view text);

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);

}  // namespace encore
