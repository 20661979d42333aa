// Makes the file of one entity: fetch the wanted URL, check what came back is an image,
// thumbnail it to WebP, write it atomically and record the result -- or record why not.
// Runs on the worker threads, several keys at once, never the same key twice at once.
#pragma once

#include <mutex>
#include <string>

#include "artwork/artwork_fetcher.h"
#include "artwork/artwork_files.h"
#include "artwork/artwork_table.h"
#include "artwork/imaging_module.h"
#include "core/clock.h"
#include "settings/settings.h"

namespace encore {

class ArtworkMaker {
 public:
  enum class Outcome { Stored, Failed, Skipped, Cancelled };

  /// `publishMutex` is held while a file is put in place or removed, so a removal and a
  /// completion of the same entity never interleave.
  ArtworkMaker(ArtworkTable &table, const ArtworkFiles &files, ArtworkFetcher &fetcher,
               ImagingModule &imaging, const Settings &settings, Clock &clock,
               std::mutex &publishMutex)
      : table_(table),
        files_(files),
        fetcher_(fetcher),
        imaging_(imaging),
        settings_(settings),
        clock_(clock),
        publishMutex_(publishMutex) {}

  Outcome make(const ArtworkKey &key, const CancelToken *token);

 private:
  Outcome fail(const ArtworkKey &key, const std::string &url, int64_t attempts, bool permanent,
               const std::string &error);
  Outcome publish(const ArtworkKey &key, const std::string &url, const std::string &webp,
                  int64_t attempts);

  ArtworkTable &table_;
  const ArtworkFiles &files_;
  ArtworkFetcher &fetcher_;
  ImagingModule &imaging_;
  const Settings &settings_;
  Clock &clock_;
  std::mutex &publishMutex_;
};

}  // namespace encore
