// Helpers the paging jobs share: where a page ends, a stable fingerprint of a library's
// first page, and checkpoint counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "json_access.h"

namespace spotify {

/// An offset-paged answer ({items, next, offset, total, ...}) checked for shape.
struct OffsetPage {
  const Json *items = nullptr;
  std::optional<int64_t> total;
  bool last = true;  // no further page
};
OffsetPage readOffsetPage(const Json &body, int64_t offset);

/// FNV-1a over the total and the first page's ids and added_at: equal fingerprints mean
/// an unchanged library (items are newest first, so any addition or removal shows).
std::string libraryFingerprint(const Json &firstPage, const char *itemKey);

/// A decimal checkpoint value, or nullopt when absent or not a number.
std::optional<int64_t> parseCount(const std::optional<std::string> &text);

}  // namespace spotify
