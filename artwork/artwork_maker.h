// Makes the file of one entity: fetch the wanted URL, check what came back is an image,
// thumbnail it to WebP (make(), on the worker threads, several keys at once, never the
// same key twice at once), then put the file in place atomically (publish(), on the
// writer thread) -- or say why not. The results are for the table; the caller records
// them in batches.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "artwork/artwork_fetcher.h"
#include "artwork/artwork_files.h"
#include "artwork/artwork_table.h"
#include "artwork/artwork_writer.h"
#include "artwork/imaging_module.h"
#include "daemon/core/clock.h"
#include "settings/settings.h"

namespace encore {

class ArtworkMaker {
 public:
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

  /// Either an image to publish, or a result to record, or neither: the key needs no
  /// work (any more), its source is switched off, or the daemon is stopping.
  struct Made {
    std::optional<MadeImage> image;
    std::optional<ArtworkResult> result;
  };
  Made make(const ArtworkKey &key, const CancelToken *token);

  /// Writes and flushes the file under a temporary name, then renames it into place
  /// unless the entity was removed meanwhile (then nullopt).
  std::optional<ArtworkResult> publish(const MadeImage &image);

 private:
  ArtworkResult failure(const ArtworkKey &key, const std::string &url, int64_t attempts,
                        bool permanent, const std::string &error) const;

  ArtworkTable &table_;
  const ArtworkFiles &files_;
  ArtworkFetcher &fetcher_;
  ImagingModule &imaging_;
  const Settings &settings_;
  Clock &clock_;
  std::mutex &publishMutex_;
};

}  // namespace encore
