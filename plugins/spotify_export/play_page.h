// A records document of plays (encore.records/1), built as text: a page of a big import
// is thousands of plays, and writing them straight out is far cheaper than a JSON tree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "export_entry.h"

namespace spotify_export {

class PlayPage {
 public:
  PlayPage() { clear(); }
  void add(const ExportPlay &play);
  /// The document, closed. Valid until the next add or clear.
  const std::string &finish();
  void clear();
  size_t plays() const { return plays_; }
  size_t bytes() const { return doc_.size(); }

 private:
  std::string doc_;
  size_t plays_ = 0;
};

/// Appends `s` as a JSON string literal (quotes included).
void appendJsonString(std::string &out, std::string_view s);

}  // namespace spotify_export
