#include "artwork/artwork_cache.h"

#include <Poco/Logger.h>
#include <malloc.h>

#include <chrono>

#include "artwork/artwork_intake.h"
#include "artwork/artwork_settings.h"

namespace encore {
namespace {

/// The coordinator looks at the table at least this often, even when nothing woke it.
constexpr int64_t kMaxSleepMs = 30'000;

Poco::Logger &log() {
  return Poco::Logger::get("artwork");
}

}  // namespace

struct ArtworkCache::Liveness {
  std::mutex mutex;
  ArtworkCache *cache = nullptr;
};

ArtworkCache::ArtworkCache(ArtworkCacheOptions options, Store &store, Settings &settings,
                           HttpService &http, Clock &clock)
    : options_(std::move(options)),
      store_(store),
      settings_(settings),
      clock_(clock),
      table_(store),
      files_(options_.root),
      fetcher_(http, clock),
      imaging_(options_.imagingModule, options_.limits),
      maker_(table_, files_, fetcher_, imaging_, settings, clock, publishMutex_),
      queue_(options_.queueCapacity),
      writer_(
          4, [this](const MadeImage &image) { return publish(image); },
          [this](const ArtworkKey &key, std::optional<ArtworkResult> result) {
            finish(key, std::move(result));
          }),
      workers_(
          queue_, [this](const ArtworkKey &key) { work(key); },
          [this] {
            if (imaging_.loaded()) imaging_.get()->releaseThread();
          }),
      liveness_(std::make_shared<Liveness>()) {
  liveness_->cache = this;
  settings_.onChange([liveness = liveness_](const std::vector<std::string> &keys) {
    bool relevant = false;
    for (const auto &key : keys) relevant = relevant || isArtworkToggleKey(key);
    if (!relevant) return;
    std::lock_guard<std::mutex> lock(liveness->mutex);
    if (liveness->cache == nullptr) return;
    {
      std::lock_guard<std::mutex> cacheLock(liveness->cache->mutex_);
      liveness->cache->settingsChanged_ = true;
    }
    liveness->cache->wakeup_.notify_all();
  });
  queue_.onDone([this] {
    if (queue_.queued() <= options_.queueCapacity / 2) wake();
  });
}

ArtworkCache::~ArtworkCache() {
  {
    std::lock_guard<std::mutex> lock(liveness_->mutex);
    liveness_->cache = nullptr;
  }
  stop();
}

void ArtworkCache::start() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (started_) return;
    started_ = true;
  }
  fetcher_.setRequestsPerMinute(static_cast<uint32_t>(settings_.intValue(kArtworkRequestsKey)));
  writer_.start();
  workers_.resize(static_cast<int>(settings_.intValue(kArtworkWorkersKey)));
  coordinator_ = std::thread([this] { coordinatorLoop(); });
}

void ArtworkCache::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wakeup_.notify_all();
  cancel_.cancel();
  queue_.close();
  if (coordinator_.joinable()) coordinator_.join();
  workers_.stopAll();
  writer_.stop();
  try {
    recordResults();  // what the last images made, so the next start need not redo them
  } catch (const std::exception &e) {
    log().error("could not record the last results: %s", std::string(e.what()));
  }
}

void ArtworkCache::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    poked_ = true;
  }
  wakeup_.notify_all();
}

void ArtworkCache::onEntitiesStored(const std::vector<StoredEntity> &entities) {
  // Runs on the committing plugin's thread: copy what matters and return.
  Event event;
  for (const auto &e : entities) {
    if (e.images && kindOfEntityType(e.type) != nullptr) event.entities.push_back(e);
  }
  if (event.entities.empty()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    events_.push_back(std::move(event));
  }
  wakeup_.notify_all();
}

void ArtworkCache::onEntitiesRemoved(const std::vector<StoredEntity> &entities) {
  Event event{true, {}};
  for (const auto &e : entities) {
    if (kindOfEntityType(e.type) != nullptr) event.entities.push_back(e);
  }
  if (event.entities.empty()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    events_.push_back(std::move(event));
  }
  wakeup_.notify_all();
}

ArtworkCache::Status ArtworkCache::status() const {
  Status s;
  s.workers = workers_.size();
  s.queued = queue_.queued();
  s.inProgress = queue_.inProgress();
  s.imagingLoaded = imaging_.loaded();
  s.imagingError = imaging_.error();
  std::lock_guard<std::mutex> lock(mutex_);
  s.lastGc = lastGc_;
  return s;
}

void ArtworkCache::coordinatorLoop() {
  try {
    startupPass();
  } catch (const std::exception &e) {
    log().error("start-up pass failed: %s", std::string(e.what()));
  }
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    std::deque<Event> events;
    events.swap(events_);
    const bool settingsChanged = std::exchange(settingsChanged_, false);
    poked_ = false;
    lock.unlock();
    int64_t sleepMs = kMaxSleepMs;
    try {
      recordResults();
      for (const auto &event : events) handle(event);
      if (settingsChanged) applySettings();
      const int64_t now = clock_.nowMs();
      sleepMs = std::clamp<int64_t>(refill() - now, 0, kMaxSleepMs);
      trimWhenIdle();
    } catch (const std::exception &e) {
      // A database error (a full disk, say): try again shortly rather than spin.
      log().error("artwork bookkeeping failed: %s", std::string(e.what()));
      sleepMs = 5'000;
    }
    lock.lock();
    if (stopping_ || !events_.empty() || !results_.empty() || settingsChanged_ || poked_) continue;
    wakeup_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(sleepMs, 10)));
  }
}

void ArtworkCache::startupPass() {
  GcReport report = collectArtworkGarbage(table_, files_, clock_.nowMs());
  if (report.orphanRows + report.orphanFiles + report.tempFiles + report.missingFiles > 0) {
    log().information(
        "garbage collection: %Ld removed entities, %Ld orphan files, %Ld unfinished writes, "
        "%Ld files missing (to fetch again)",
        report.orphanRows, report.orphanFiles, report.tempFiles, report.missingFiles);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    lastGc_ = report;
  }
  auto missed = wantedImagesMissingFromTable(store_);
  if (!missed.empty()) {
    log().information("%z entities have images the cache had not heard of; queueing them",
                      missed.size());
    removeKeys(table_.applyWanted(missed, clock_.nowMs()));
  }
}

void ArtworkCache::handle(const Event &event) {
  if (event.removed) {
    auto keys = artworkKeysOf(event.entities);
    table_.remove(keys);
    removeKeys(keys);
  } else {
    removeKeys(table_.applyWanted(wantedImagesOf(event.entities), clock_.nowMs()));
  }
}

void ArtworkCache::removeKeys(const std::vector<ArtworkKey> &keys) {
  // After the rows are gone: a worker finishing one of these now finds no row and
  // discards its file; one that finished before is undone here.
  std::lock_guard<std::mutex> lock(publishMutex_);
  for (const auto &key : keys) {
    if (validSourceName(key.source) && kindOfFolder(key.kind) != nullptr &&
        validArtworkId(key.id)) {
      files_.remove(key);
    }
  }
}

void ArtworkCache::applySettings() {
  fetcher_.setRequestsPerMinute(static_cast<uint32_t>(settings_.intValue(kArtworkRequestsKey)));
  const int workers = static_cast<int>(settings_.intValue(kArtworkWorkersKey));
  if (workers != workers_.size()) {
    log().information("artwork workers: %d", workers);
    workers_.resize(workers);
  }
}

int64_t ArtworkCache::refill() {
  const int64_t now = clock_.nowMs();
  int64_t next = now + kMaxSleepMs;
  const size_t room = queue_.room();
  // Keys already queued or in progress are still pending in the table: ask for enough
  // to get past them.
  const auto limit = static_cast<int64_t>(room + queue_.queued() + queue_.inProgress());
  for (const auto &source : table_.sources()) {
    if (!downloadsEnabled(settings_, source)) continue;
    if (room > 0) {
      for (const auto &key : table_.pending(source, now, limit)) {
        if (queue_.push(key)) {
          std::lock_guard<std::mutex> lock(mutex_);
          busySinceTrim_ = true;
        }
      }
    }
    if (auto retry = table_.nextRetryAt(source, now)) next = std::min(next, *retry);
  }
  return next;
}

void ArtworkCache::work(const ArtworkKey &key) {
  ArtworkMaker::Made made;
  try {
    made = maker_.make(key, &cancel_);
  } catch (const std::exception &e) {
    // The table could not be read. The key stays pending; pause this worker so a broken
    // database does not turn into a busy loop.
    log().error("%s: %s", key.display(), std::string(e.what()));
    clock_.sleepUntil(clock_.nowMs() + 1'000, &cancel_);
  }
  if (made.image) {
    writer_.add(std::move(*made.image));
  } else {
    finish(key, std::move(made.result));
  }
}

std::optional<ArtworkResult> ArtworkCache::publish(const MadeImage &image) {
  try {
    return maker_.publish(image);
  } catch (const std::exception &e) {
    log().error("%s: %s", image.key.display(), std::string(e.what()));
    return std::nullopt;
  }
}

void ArtworkCache::finish(const ArtworkKey &key, std::optional<ArtworkResult> result) {
  if (!result) {
    queue_.done(key);
    return;
  }
  // The key stays taken until its result is recorded, so the coordinator does not hand
  // it out again in between.
  {
    std::lock_guard<std::mutex> lock(mutex_);
    results_.push_back(std::move(*result));
  }
  wakeup_.notify_all();
}

void ArtworkCache::recordResults() {
  std::vector<ArtworkResult> results;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    results.swap(results_);
  }
  if (results.empty()) return;
  struct Release {  // the keys are released even when recording throws
    ArtworkQueue &queue;
    const std::vector<ArtworkResult> &results;
    ~Release() {
      for (const auto &r : results) queue.done(r.key);
    }
  } release{queue_, results};
  table_.record(results, clock_.nowMs());
}

void ArtworkCache::trimWhenIdle() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!busySinceTrim_ || !queue_.idle()) return;
    busySinceTrim_ = false;
  }
  // Decoding leaves freed buffers spread over the workers' malloc arenas; give them back
  // so the daemon returns to its idle footprint between syncs.
  malloc_trim(0);
}

}  // namespace encore
