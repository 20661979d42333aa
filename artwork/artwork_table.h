// The `artwork` table (migrations/0020_artwork.sql): what each entity wants, what its
// file holds, and why it failed. Every statement is prepared; every method is one
// transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "artwork/artwork_key.h"
#include "daemon/store/store.h"

namespace encore {

/// The image an entity wants now; no url: it has none any more.
struct WantedImage {
  ArtworkKey key;
  std::optional<std::string> url;
};

struct ArtworkRow {
  std::optional<std::string> url;
  std::optional<std::string> fileUrl;
  int64_t attempts = 0;
};

struct ArtworkFailure {
  std::string error;
  bool permanent = false;
  int64_t retryAt = 0;
};

/// What a worker made of a key: a file from `url`, or a failure of `url`.
struct ArtworkResult {
  ArtworkKey key;
  std::string url;
  bool stored = false;
  int64_t bytes = 0;       // when stored
  ArtworkFailure failure;  // when not
};

/// A failure as GET /api/artwork/errors lists it.
struct ArtworkError {
  ArtworkKey key;
  std::string url;
  std::string error;
  bool permanent = false;
  int64_t atMs = 0;
  int64_t attempts = 0;
  int64_t retryAtMs = 0;
};

/// Per kind of one source: files on disk and what is still to do.
struct KindUsage {
  int64_t count = 0;  // files
  int64_t bytes = 0;
  int64_t pending = 0;  // wanted, not yet tried or waiting for a retry
  int64_t failed = 0;   // with an error
};

class ArtworkTable {
 public:
  explicit ArtworkTable(Store &store) : store_(store) {}

  /// Records what each entity wants. A changed URL starts afresh (no error, no backoff).
  /// An entity without images loses its row; its key is returned so its file goes too.
  std::vector<ArtworkKey> applyWanted(const std::vector<WantedImage> &wanted, int64_t nowMs);

  std::optional<ArtworkRow> find(const ArtworkKey &key);
  std::vector<std::string> sources();
  /// Keys of `source` whose file is missing or stale and that may be tried at `nowMs`,
  /// the longest waiting first.
  std::vector<ArtworkKey> pending(const std::string &source, int64_t nowMs, int64_t limit);
  /// The earliest retry after `nowMs` of a waiting key of `source`.
  std::optional<int64_t> nextRetryAt(const std::string &source, int64_t nowMs);

  /// Records results in one transaction (one disk flush for many images). A stored file
  /// clears the error of its URL; a failure is kept unless the entity wants another URL by
  /// now; a row removed meanwhile stays removed.
  void record(const std::vector<ArtworkResult> &results, int64_t nowMs);
  void remove(const std::vector<ArtworkKey> &keys);

  std::map<std::string, KindUsage> usage(const std::string &source);
  /// Latest failures first; `source` "" for every source.
  std::vector<ArtworkError> recentErrors(const std::string &source, int64_t limit);

  /// Garbage collection: ids of `source`/`kind` the table says have a file.
  std::set<std::string> idsWithFiles(const std::string &source, const std::string &kind);
  /// The file of `key` is gone from disk: fetch it again.
  void forgetFile(const ArtworkKey &key);
  /// Deletes the rows whose entity no longer exists; returns their keys.
  std::vector<ArtworkKey> removeOrphanRows();

  Store &store() { return store_; }

 private:
  Store &store_;
};

}  // namespace encore
