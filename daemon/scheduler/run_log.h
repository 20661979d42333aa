// The record of every run (job_runs): who, when, how it ended, how many items, why not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/scheduler/job.h"

namespace encore {

class Store;

struct RunRecord {
  int64_t id = 0;
  std::string job;
  std::string trigger;  // "schedule" | "manual"
  int64_t startedAt = 0;
  int64_t endedAt = 0;  // 0 while running
  std::string status;   // running | ok | failed | cancelled | interrupted
  int64_t items = 0;
  std::string error;
};

class RunLog {
 public:
  explicit RunLog(Store &store);
  /// Marks runs left 'running' by a previous process (crash, kill -9) as 'interrupted'.
  int markInterrupted(int64_t nowMs);
  int64_t begin(const std::string &job, bool manual, int64_t startedAt);
  void end(int64_t runId, const RunResult &result, int64_t endedAt);
  /// The latest finished run of `job`.
  std::optional<RunRecord> last(const std::string &job);
  /// When the latest successful run of `job` ended.
  std::optional<int64_t> lastSuccessMs(const std::string &job);
  /// The latest runs, newest first (all jobs when `job` is empty).
  std::vector<RunRecord> recent(const std::string &job, int limit);

 private:
  Store &store_;
};

}  // namespace encore
