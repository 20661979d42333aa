// Several pages stored in one transaction. Every commit is a disk flush (tens of ms on an
// SD card), so a 30,000-entry library stores in ~60 commits instead of ~600; a crash costs
// re-reading at most the pages of one batch, since each page's checkpoint travels with it.
#pragma once

#include <cstddef>

#include "host.h"
#include "records.h"

namespace spotify {

class Batch {
 public:
  static constexpr size_t kRecords = 500;

  Batch(const Host &host, encore_run *run) : host_(host), run_(run) {}
  /// On the way out of a failed run (a 429 on the next page, say), what complete pages
  /// are buffered is still stored.
  ~Batch();
  Batch(const Batch &) = delete;
  Batch &operator=(const Batch &) = delete;

  /// Adds one complete page (records and its checkpoint); stores the batch when full.
  void add(Document &&page);
  /// Stores what is buffered (before anything that reads the store, e.g. collection_end).
  void flush();

 private:
  const Host &host_;
  encore_run *run_;
  Document pending_;
};

}  // namespace spotify
