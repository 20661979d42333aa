// The artwork cache's life cycle, what the record store and the settings tell it, and
// the worker side. The coordinator thread is in artwork_coordinator.cc.
#include "artwork/artwork_cache.h"

#include <Poco/Logger.h>

#include "artwork/artwork_settings.h"

namespace encore {
namespace {

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

}  // namespace encore
