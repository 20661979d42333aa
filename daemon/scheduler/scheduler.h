// Runs every declared job when its cooldown has passed -- the cooldown read from settings
// at every cycle, so a change applies without a restart -- and only while its plugin's
// master toggle and its own toggle are on and nothing holds the plugin (a Retry-After
// pause, an open breaker, an account that needs reconnecting). Gradual jobs receive the
// N stalest items. Every run is recorded.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "daemon/core/clock.h"
#include "daemon/scheduler/dispatcher.h"
#include "daemon/scheduler/job.h"
#include "daemon/scheduler/run_log.h"

namespace encore {

class Settings;

/// What may hold all jobs of a plugin.
class JobGate {
 public:
  struct Hold {
    int64_t untilMs = 0;  // 0 with `indefinite`: until something changes (reconnect)
    bool indefinite = false;
    std::string reason;
  };
  virtual ~JobGate() = default;
  virtual std::optional<Hold> hold(const std::string &plugin) = 0;
};

/// Supplies the items of gradual jobs.
using StaleItemsFn = std::function<std::vector<std::string>(const JobSpec &job, int64_t limit)>;

class Scheduler {
 public:
  struct JobStatus {
    JobSpec spec;
    bool enabled = false;
    bool running = false;
    std::string state;  // running | idle | disabled | held
    int64_t cooldownMs = 0;
    int64_t nextDueMs = 0;  // 0: not scheduled (disabled or held indefinitely)
    std::optional<JobGate::Hold> hold;
    std::optional<RunRecord> lastRun;
  };

  enum class RunNow { Started, UnknownJob, AlreadyRunning, Held };
  struct RunNowResult {
    RunNow outcome;
    std::string message;
    int64_t untilMs = 0;
  };

  Scheduler(Clock &clock, Settings &settings, RunLog &runLog, Dispatcher &dispatcher, JobGate &gate,
            StaleItemsFn staleItems);
  ~Scheduler();

  void addJob(JobSpec spec, JobExecutor *executor);

  /// One cycle: starts every job that is due and allowed. The daemon's loop calls it every
  /// second and when woken; tests call it directly.
  void tick();
  /// The earliest time a job may start (now, when one is due), or INT64_MAX when every job
  /// is disabled, running or held indefinitely.
  int64_t nextDueMs();
  /// Asks for a run now. Still subject to holds (breaker, pause); not to toggles or the
  /// cooldown.
  RunNowResult runNow(const std::string &jobId);

  std::vector<JobStatus> status();
  std::optional<JobStatus> status(const std::string &jobId);

  /// The cooldown in force, from settings.
  int64_t cooldownMs(const JobSpec &job) const;
  bool enabled(const JobSpec &job) const;

  /// Starts the background loop (after the daemon forked).
  void start();
  /// Stops scheduling and cancels running jobs; returns once they ended or `graceMs` passed.
  bool stop(int64_t graceMs);
  /// Wakes the loop early (settings changed, a run ended).
  void wake();

  /// Changes whenever a job's state, last run or queue changes: what status() reports,
  /// apart from the settings and holds it reads. Lets a reader reuse a status it made.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  struct Job {
    JobSpec spec;
    JobExecutor *executor = nullptr;
    bool running = false;
    bool manualPending = false;
    int64_t lastEndMs = 0;  // 0: never ran
    std::optional<RunRecord> lastRun;
    std::shared_ptr<CancelToken> cancel;
  };
  struct Launch {
    Job *job;
    bool manual;
  };

  void loadHistory();  // mutex_ held
  /// Marks `job` running (mutex_ held) and returns what launch() needs.
  Launch claim(Job &job, bool manual);
  /// Records the start and hands the run to the dispatcher; mutex_ NOT held, so an inline
  /// dispatcher may run the job and finish() right here.
  void launch(const Launch &launch);
  void finish(const std::string &jobId, int64_t runId, int64_t startedAt, bool manual,
              const RunResult &result);
  int64_t batchSize(const JobSpec &job) const;
  void changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  Clock &clock_;
  Settings &settings_;
  RunLog &runLog_;
  Dispatcher &dispatcher_;
  JobGate &gate_;
  StaleItemsFn staleItems_;

  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::map<std::string, Job> jobs_;
  std::map<std::string, int> runningPerPlugin_;
  bool historyLoaded_ = false;
  bool stopping_ = false;
  std::atomic<uint64_t> generation_{0};
  std::thread loop_;
};

}  // namespace encore
