#include "paging.h"

#include <cstdio>

namespace spotify {

OffsetPage readOffsetPage(const Json &body, int64_t offset) {
  if (!body.is_object()) throw FormatError("the answer is not a JSON object");
  OffsetPage page;
  page.items = &requireArray(body, "items");
  page.total = optInt(body, "total");
  const bool hasNext = optString(body, "next").has_value();
  const int64_t seen = offset + static_cast<int64_t>(page.items->size());
  page.last = !hasNext || page.items->empty() || (page.total && seen >= *page.total);
  return page;
}

std::string libraryFingerprint(const Json &firstPage, const char *itemKey) {
  uint64_t hash = 1469598103934665603ULL;
  auto mix = [&](const std::string &text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;  // separator, so "ab"+"c" differs from "a"+"bc"
    hash *= 1099511628211ULL;
  };
  mix(std::to_string(optInt(firstPage, "total").value_or(-1)));
  for (const auto &item : requireArray(firstPage, "items")) {
    if (!item.is_object()) throw FormatError("an item is not an object");
    mix(optString(item, "added_at").value_or(""));
    const Json *inner = optObject(item, itemKey);
    mix(inner != nullptr ? optString(*inner, "id").value_or("") : "");
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::optional<int64_t> parseCount(const std::optional<std::string> &text) {
  if (!text || text->empty() || text->size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : *text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace spotify
