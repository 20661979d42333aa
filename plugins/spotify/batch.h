// Several pages stored in one transaction. Every commit is a disk flush (tens of ms on an
// SD card), so a 30,000-entry library stores in ~60 commits instead of ~600; a crash costs
// re-reading at most the pages of one batch, since each page's checkpoint travels with it.
#pragma once

#include <cstddef>

#include "encore/host.hpp"
#include "encore/records.hpp"

namespace spotify {

class Batch {
 public:
  static constexpr size_t kRecords = 500;

  Batch(const encore::Host &host, encore_run *run) : host_(host), run_(run) {}
  /// On the way out of a failed run (a 429 on the next page, say), the complete pages
  /// buffered are still stored; the page being written is not.
  ~Batch();
  Batch(const Batch &) = delete;
  Batch &operator=(const Batch &) = delete;

  /// Where the page in progress is written: its records, checkpoint and items done.
  encore::RecordsWriter &page() { return doc_; }
  /// The page is complete; stores the batch when it is full.
  void endPage();
  /// Stores what is buffered (before anything that reads the store, e.g. collection_end).
  void flush();

 private:
  const encore::Host &host_;
  encore_run *run_;
  encore::RecordsWriter doc_;
};

}  // namespace spotify
