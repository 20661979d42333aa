#include "daemon/scheduler/scheduler.h"

#include <Poco/Logger.h>

#include <algorithm>

#include "daemon/metrics/metrics.h"
#include "settings/settings.h"

namespace encore {
namespace {

metrics::CounterFamily &jobRuns() {
  static auto &family = metrics::registry().counter(
      "encore_job_runs_total", "Job runs ended since the daemon started, by job and status.",
      {"job", "status"});
  return family;
}

/// Seeded from job_runs at start-up, so it survives restarts.
metrics::GaugeFamily &lastSuccess() {
  static auto &family =
      metrics::registry().gauge("encore_job_last_success_timestamp_seconds",
                                "When the job's latest successful run ended (Unix time).", {"job"});
  return family;
}

}  // namespace

Scheduler::Scheduler(Clock &clock, Settings &settings, RunLog &runLog, Dispatcher &dispatcher,
                     JobGate &gate, StaleItemsFn staleItems)
    : clock_(clock),
      settings_(settings),
      runLog_(runLog),
      dispatcher_(dispatcher),
      gate_(gate),
      staleItems_(std::move(staleItems)) {}

Scheduler::~Scheduler() {
  stop(0);
}

void Scheduler::addJob(JobSpec spec, JobExecutor *executor) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string id = spec.id;
  Job job;
  job.spec = std::move(spec);
  job.executor = executor;
  jobs_.emplace(id, std::move(job));
  historyLoaded_ = false;
  changed();
}

void Scheduler::loadHistory() {
  if (historyLoaded_) return;
  historyLoaded_ = true;
  changed();
  // Cooldowns count from the last run before a restart, so restarting the daemon never
  // makes it hammer an upstream.
  for (auto &[id, job] : jobs_) {
    if (job.lastRun) continue;
    job.lastRun = runLog_.last(id);
    if (job.lastRun) job.lastEndMs = job.lastRun->endedAt;
    if (auto ms = runLog_.lastSuccessMs(id)) lastSuccess().with({id}).set(*ms / 1000.0);
  }
}

int64_t Scheduler::cooldownMs(const JobSpec &job) const {
  if (!job.cooldownSetting.empty() && settings_.has(job.cooldownSetting)) {
    return std::max<int64_t>(0, settings_.intValue(job.cooldownSetting)) * job.cooldownUnitMs;
  }
  return job.defaultCooldownMs;
}

bool Scheduler::enabled(const JobSpec &job) const {
  auto on = [&](const std::string &key) {
    return key.empty() || !settings_.has(key) || settings_.boolValue(key);
  };
  return on(job.pluginEnabledSetting) && on(job.enabledSetting);
}

int64_t Scheduler::batchSize(const JobSpec &job) const {
  if (!job.batchSetting.empty() && settings_.has(job.batchSetting)) {
    return settings_.intValue(job.batchSetting);
  }
  return job.batchSize;
}

void Scheduler::tick() {
  std::vector<Launch> launches;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    loadHistory();
    const int64_t now = clock_.nowMs();
    for (auto &[id, job] : jobs_) {
      // One run per plugin at a time: a plugin's callbacks never overlap.
      if (job.running || runningPerPlugin_[job.spec.plugin] > 0) continue;
      if (gate_.hold(job.spec.plugin)) continue;
      if (job.manualPending) {
        launches.push_back(claim(job, true));
        continue;
      }
      if (!enabled(job.spec)) continue;
      const int64_t due = job.lastEndMs == 0 ? 0 : job.lastEndMs + cooldownMs(job.spec);
      if (now >= due) launches.push_back(claim(job, false));
    }
  }
  for (const auto &l : launches) launch(l);
}

Scheduler::Launch Scheduler::claim(Job &job, bool manual) {
  job.running = true;
  job.manualPending = false;
  job.cancel = std::make_shared<CancelToken>();
  ++runningPerPlugin_[job.spec.plugin];
  changed();
  return {&job, manual};
}

void Scheduler::launch(const Launch &l) {
  // Job entries are never erased, so the pointers stay valid; spec is immutable.
  const JobSpec *spec = &l.job->spec;
  JobExecutor *executor = l.job->executor;
  std::shared_ptr<CancelToken> cancel;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancel = l.job->cancel;
  }
  const bool manual = l.manual;
  const int64_t startedAt = clock_.nowMs();
  int64_t runId = 0;
  std::vector<std::string> items;
  try {
    if (spec->gradual && staleItems_) {
      items = staleItems_(*spec, batchSize(*spec));
      if (items.empty()) {
        // Nothing is stale: no run; look again after the cooldown. The plugin's other
        // jobs waited for this one: wake the loop so they start now, not a cycle later.
        {
          std::lock_guard<std::mutex> lock(mutex_);
          l.job->running = false;
          l.job->lastEndMs = startedAt;
          --runningPerPlugin_[spec->plugin];
          changed();
        }
        wake();
        return;
      }
    }
    runId = runLog_.begin(spec->id, manual, startedAt);
  } catch (const std::exception &e) {
    finish(spec->id, runId, startedAt, manual,
           {RunStatus::Failed, 0, std::string("cannot start: ") + e.what()});
    return;
  }
  Poco::Logger::get("scheduler")
      .debug("starting %s (%s, %z items)", spec->id, std::string(manual ? "manual" : "scheduled"),
             items.size());
  dispatcher_.dispatch(spec->plugin, [this, executor, spec, cancel, manual, runId, startedAt,
                                      items = std::move(items)]() mutable {
    RunResult result;
    if (cancel->cancelled()) {
      result = {RunStatus::Cancelled, 0, "cancelled before it started"};
    } else {
      RunRequest request{*spec, manual, std::move(items), *cancel};
      result = executor->execute(request);
    }
    finish(spec->id, runId, startedAt, manual, result);
  });
}

void Scheduler::finish(const std::string &jobId, int64_t runId, int64_t startedAt, bool manual,
                       const RunResult &result) {
  const int64_t now = clock_.nowMs();
  auto &log = Poco::Logger::get("scheduler");
  if (runId != 0) {
    try {
      runLog_.end(runId, result, now);
    } catch (const std::exception &e) {
      log.error("cannot record the end of a run of %s: %s", jobId, std::string(e.what()));
    }
  }
  jobRuns().with({jobId, runStatusName(result.status)}).inc();
  if (result.status == RunStatus::Ok) lastSuccess().with({jobId}).set(now / 1000.0);
  if (result.status == RunStatus::Failed) {
    log.warning("%s failed: %s", jobId, result.error);
  } else {
    log.debug("%s ended %s with %Ld records stored", jobId,
              std::string(runStatusName(result.status)), static_cast<Poco::Int64>(result.items));
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto &job = jobs_.at(jobId);
    job.running = false;
    job.lastEndMs = now;
    job.lastRun = RunRecord{runId,        jobId,       manual ? "manual" : "schedule",
                            startedAt,    now,         runStatusName(result.status),
                            result.items, result.error};
    --runningPerPlugin_[job.spec.plugin];
    changed();
  }
  wake();
}

int64_t Scheduler::nextDueMs() {
  std::lock_guard<std::mutex> lock(mutex_);
  loadHistory();
  const int64_t now = clock_.nowMs();
  int64_t next = INT64_MAX;
  for (auto &[id, job] : jobs_) {
    // A busy plugin's jobs wait for its run to end, which wakes the loop.
    if (job.running || runningPerPlugin_[job.spec.plugin] > 0) continue;
    int64_t due;
    if (job.manualPending) {
      due = now;
    } else if (!enabled(job.spec)) {
      continue;
    } else {
      due = job.lastEndMs == 0 ? now : job.lastEndMs + cooldownMs(job.spec);
    }
    if (auto hold = gate_.hold(job.spec.plugin)) {
      if (hold->indefinite) continue;
      due = std::max(due, hold->untilMs);
    }
    next = std::min(next, std::max(due, now));
  }
  return next;
}

Scheduler::RunNowResult Scheduler::runNow(const std::string &jobId) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(jobId);
    if (it == jobs_.end()) return {RunNow::UnknownJob, "no job '" + jobId + "'", 0};
    Job &job = it->second;
    if (job.running || job.manualPending) {
      return {RunNow::AlreadyRunning, jobId + " is already running or queued", 0};
    }
    if (auto hold = gate_.hold(job.spec.plugin)) {
      return {RunNow::Held, hold->reason, hold->untilMs};
    }
    job.manualPending = true;
    changed();
  }
  wake();
  return {RunNow::Started, jobId + " will run now", 0};
}

std::vector<Scheduler::JobStatus> Scheduler::status() {
  std::vector<std::string> ids;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto &[id, job] : jobs_) ids.push_back(id);
  }
  std::vector<JobStatus> out;
  for (const auto &id : ids) {
    if (auto s = status(id)) out.push_back(std::move(*s));
  }
  return out;
}

std::optional<Scheduler::JobStatus> Scheduler::status(const std::string &jobId) {
  JobStatus s;
  int64_t lastEnd = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    loadHistory();
    auto it = jobs_.find(jobId);
    if (it == jobs_.end()) return std::nullopt;
    s.spec = it->second.spec;
    s.running = it->second.running || it->second.manualPending;
    lastEnd = it->second.lastEndMs;
    s.lastRun = it->second.lastRun;
  }
  s.enabled = enabled(s.spec);
  s.cooldownMs = cooldownMs(s.spec);
  s.hold = gate_.hold(s.spec.plugin);
  if (s.running) {
    s.state = "running";
  } else if (s.hold) {
    s.state = "held";
  } else if (!s.enabled) {
    s.state = "disabled";
  } else {
    s.state = "idle";
  }
  if (s.enabled && !(s.hold && s.hold->indefinite)) {
    int64_t due = lastEnd == 0 ? clock_.nowMs() : lastEnd + s.cooldownMs;
    if (s.hold) due = std::max(due, s.hold->untilMs);
    s.nextDueMs = due;
  }
  return s;
}

void Scheduler::wake() {
  wakeup_.notify_all();
}

void Scheduler::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (loop_.joinable()) return;
  loop_ = std::thread([this] {
    for (;;) {
      try {
        tick();
      } catch (const std::exception &e) {
        Poco::Logger::get("scheduler").error("scheduling cycle failed: %s", std::string(e.what()));
      }
      // Cooldowns and toggles come from settings at each cycle, so the loop never sleeps
      // more than a second: a change applies on the next cycle without bookkeeping.
      int64_t wait = 1000;
      try {
        wait = std::clamp<int64_t>(nextDueMs() - clock_.nowMs(), 5, 1000);
      } catch (const std::exception &) {
      }
      std::unique_lock<std::mutex> lock(mutex_);
      if (stopping_) return;
      if (wait > 0) wakeup_.wait_for(lock, std::chrono::milliseconds(wait));
      if (stopping_) return;
    }
  });
}

bool Scheduler::stop(int64_t graceMs) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && !loop_.joinable()) return true;
    stopping_ = true;
    for (auto &[id, job] : jobs_) {
      if (job.cancel) job.cancel->cancel();
    }
  }
  wakeup_.notify_all();
  if (loop_.joinable()) loop_.join();
  auto deadline = clock_.nowMs() + graceMs;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    bool anyRunning = std::any_of(jobs_.begin(), jobs_.end(),
                                  [](const auto &entry) { return entry.second.running; });
    if (!anyRunning) return true;
    if (graceMs <= 0 || clock_.nowMs() >= deadline) return false;
    wakeup_.wait_for(lock, std::chrono::milliseconds(20));
  }
}

}  // namespace encore
