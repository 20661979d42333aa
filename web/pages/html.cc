#include "web/pages/html.h"

#include <cmath>
#include <cstdio>

namespace encore::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string layout(const std::string &title, const std::string &page, const std::string &body) {
  struct Link {
    const char *page, *href, *label;
  };
  static const Link kNav[] = {
      {"overview", "/", "Overview"},      {"stats", "/stats", "Stats"},
      {"wrapped", "/wrapped", "Wrapped"}, {"playlists", "/playlists", "Playlists"},
      {"workers", "/workers", "Workers"}, {"settings", "/settings", "Settings"}};
  std::string nav;
  for (const auto &l : kNav) {
    nav += std::string("<a href=\"") + l.href + "\"" +
           (page == l.page ? " aria-current=\"page\"" : "") + ">" + l.label + "</a>";
  }
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" +
         escape(title) +
         " · Encore</title>"
         "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head>"
         "<body data-page=\"" +
         escape(page) +
         "\"><header class=\"top\"><a class=\"brand\" href=\"/\">Encore</a>"
         "<nav>" +
         nav + "</nav></header><main>" + body +
         "</main><script src=\"/assets/app.js\" defer></script></body></html>\n";
}

std::string thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string decimal(double value) {
  char buffer[64];
  if (std::fabs(value - std::round(value)) < 1e-9) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  }
  return buffer;
}

std::string duration(double minutes) {
  const auto total = static_cast<int64_t>(std::llround(minutes));
  if (total < 60) return std::to_string(total) + " min";
  return thousands(total / 60) + " h " + std::to_string(total % 60) + " min";
}

std::string bytes(int64_t n) {
  const char *units[] = {"B", "KiB", "MiB", "GiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buffer;
}

}  // namespace encore::html
