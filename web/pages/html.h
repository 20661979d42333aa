// Escaping, number formats and the shared layout of the server-rendered pages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace encore::html {

/// Escapes &, <, >, " and ' for text and attribute values.
std::string escape(std::string_view text);

/// A whole page: head, navigation (with `active` highlighted), the body, the scripts.
/// `page` becomes <body data-page>, which app.js reads to set the page up.
std::string layout(const std::string &title, const std::string &page, const std::string &body);

/// "1,234,567"
std::string thousands(int64_t n);
/// "12.5" with one decimal, "12" when whole.
std::string decimal(double value);
/// "3 h 25 min" from minutes.
std::string duration(double minutes);
/// "12.3 MiB"
std::string bytes(int64_t n);

}  // namespace encore::html
