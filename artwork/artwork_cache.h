// The artwork cache: hears from the record store which artists, albums and playlists were
// stored or removed, keeps the `artwork` table of what each wants, and has worker threads
// download, thumbnail and write the WebP files. One coordinator thread owns the table's
// bookkeeping (intake, removals, the start-up garbage collection, refilling the workers'
// queue, recording their results in batches, retries); the plugin thread that committed a
// page only hands its list over. A writer thread puts the encoded files on disk.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "artwork/artwork_fetcher.h"
#include "artwork/artwork_files.h"
#include "artwork/artwork_gc.h"
#include "artwork/artwork_maker.h"
#include "artwork/artwork_queue.h"
#include "artwork/artwork_table.h"
#include "artwork/artwork_workers.h"
#include "artwork/artwork_writer.h"
#include "artwork/imaging_module.h"
#include "daemon/records/record_store.h"

namespace encore {

struct ArtworkCacheOptions {
  std::filesystem::path root;  // <data-dir>/artwork
  std::string imagingModule;   // "": beside the binary
  ImageLimits limits;
  size_t queueCapacity = 64;
};

class ArtworkCache : public EntityObserver {
 public:
  /// Declares nothing: call declareArtworkSettings() on `settings` first.
  ArtworkCache(ArtworkCacheOptions options, Store &store, Settings &settings, HttpService &http,
               Clock &clock);
  ~ArtworkCache() override;

  /// Starts the coordinator (which first collects garbage and catches up with entities
  /// stored while it was not listening) and the workers.
  void start();
  /// Cancels downloads in progress, waits for the threads. Idempotent.
  void stop();

  void onEntitiesStored(const std::vector<StoredEntity> &entities) override;
  void onEntitiesRemoved(const std::vector<StoredEntity> &entities) override;

  /// Asks the coordinator to look again now (a setting changed, a test moved its clock).
  void wake();

  struct Status {
    int workers = 0;
    size_t queued = 0;
    size_t inProgress = 0;
    bool imagingLoaded = false;
    std::string imagingError;
    std::optional<GcReport> lastGc;
  };
  Status status() const;

  const ArtworkFiles &files() const { return files_; }
  ArtworkTable &table() { return table_; }
  const Settings &settings() const { return settings_; }
  /// The lazily loaded imaging module, shared with the daemon's other drawings.
  ImagingModule &imaging() { return imaging_; }

 private:
  struct Event {
    bool removed = false;
    std::vector<StoredEntity> entities;
  };
  struct Liveness;  // lets the settings listener outlive the cache safely

  void coordinatorLoop();
  void startupPass();
  void handle(const Event &event);
  void removeKeys(const std::vector<ArtworkKey> &keys);
  void applySettings();
  /// Fills the workers' queue from the table; returns when to look again.
  int64_t refill();
  void work(const ArtworkKey &key);
  /// A result is to be recorded (its key stays taken until then), or there is none.
  void finish(const ArtworkKey &key, std::optional<ArtworkResult> result);
  std::optional<ArtworkResult> publish(const MadeImage &image);
  /// Records the workers' results in one transaction, then releases their keys.
  void recordResults();
  void trimWhenIdle();

  ArtworkCacheOptions options_;
  Store &store_;
  Settings &settings_;
  Clock &clock_;
  ArtworkTable table_;
  ArtworkFiles files_;
  ArtworkFetcher fetcher_;
  ImagingModule imaging_;
  std::mutex publishMutex_;
  ArtworkMaker maker_;
  ArtworkQueue queue_;
  ArtworkWriter writer_;
  ArtworkWorkers workers_;
  CancelToken cancel_;
  std::shared_ptr<Liveness> liveness_;

  mutable std::mutex mutex_;  // guards the fields below
  std::condition_variable wakeup_;
  std::deque<Event> events_;
  std::vector<ArtworkResult> results_;  // made by workers, not yet recorded
  bool poked_ = false;
  bool settingsChanged_ = false;
  bool started_ = false;
  bool stopping_ = false;
  bool busySinceTrim_ = false;
  std::optional<GcReport> lastGc_;
  std::thread coordinator_;
};

}  // namespace encore
