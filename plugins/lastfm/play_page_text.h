// A records document of plays (encore.records/1) written straight out as text: an import
// page holds up to 50,000 plays, and a JSON tree of each would cost more than the host's
// work storing them (a page of nothing but plays is the host's fast case).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lastfm {

class PlayPageText {
 public:
  explicit PlayPageText(std::string source) : source_(std::move(source)) { clear(); }
  /// Adds a play (ms_played 0: not reported). Names must be valid UTF-8.
  void add(int64_t startedAt, std::string_view artist, std::string_view track,
           std::string_view album);
  /// The document, closed. Valid until the next add or clear.
  const std::string &finish();
  void clear();
  size_t plays() const { return plays_; }
  size_t bytes() const { return doc_.size(); }

 private:
  std::string source_;
  std::string doc_;
  size_t plays_ = 0;
};

/// Well-formed UTF-8: no stray continuation byte, no overlong form, no surrogate, nothing
/// past U+10FFFF (what a JSON parser accepts).
bool validUtf8(std::string_view s);

}  // namespace lastfm
