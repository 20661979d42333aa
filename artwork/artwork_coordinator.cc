// The coordinator thread of the artwork cache: the only one that changes the table's
// bookkeeping -- intake, removals, the start-up pass, recording the workers' results in
// batches -- and the one that refills the workers' queue from the table.
#include <Poco/Logger.h>
#include <malloc.h>

#include <chrono>

#include "artwork/artwork_cache.h"
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
