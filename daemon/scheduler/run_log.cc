#include "daemon/scheduler/run_log.h"

#include "daemon/store/store.h"

namespace encore {

const char *runStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::Ok:
      return "ok";
    case RunStatus::Failed:
      return "failed";
    case RunStatus::Cancelled:
      return "cancelled";
  }
  return "failed";
}

RunLog::RunLog(Store &store) : store_(store) {}

int RunLog::markInterrupted(int64_t nowMs) {
  return store_.write([&](Database &db) {
    db.prepare(
          "UPDATE job_runs SET status = 'interrupted', ended_at = ?,"
          " error = 'the daemon stopped during this run' WHERE status = 'running'")
        ->bind(nowMs)
        .run();
    return db.changes();
  });
}

int64_t RunLog::begin(const std::string &job, bool manual, int64_t startedAt) {
  return store_.write([&](Database &db) {
    db.prepare("INSERT INTO job_runs(job, trigger, started_at, status) VALUES (?, ?, ?, 'running')")
        ->bind(job, manual ? "manual" : "schedule", startedAt)
        .run();
    return db.lastInsertRowId();
  });
}

void RunLog::end(int64_t runId, const RunResult &result, int64_t endedAt) {
  store_.write([&](Database &db) {
    db.prepare("UPDATE job_runs SET status = ?, ended_at = ?, items = ?, error = ? WHERE id = ?")
        ->bind(runStatusName(result.status), endedAt, result.items,
               result.error.empty() ? std::optional<std::string>() : result.error, runId)
        .run();
  });
}

namespace {

RunRecord readRun(Statement &q) {
  RunRecord r;
  r.id = q.int64(0);
  r.job = q.text(1);
  r.trigger = q.text(2);
  r.startedAt = q.int64(3);
  r.endedAt = q.optInt64(4).value_or(0);
  r.status = q.text(5);
  r.items = q.int64(6);
  r.error = q.optText(7).value_or("");
  return r;
}

}  // namespace

std::optional<RunRecord> RunLog::last(const std::string &job) {
  return store_.read([&](Database &db) -> std::optional<RunRecord> {
    auto q = db.prepare(
        "SELECT id, job, trigger, started_at, ended_at, status, items, error FROM job_runs"
        " WHERE job = ? AND status != 'running' ORDER BY id DESC LIMIT 1");
    q->bind(job);
    if (!q->step()) return std::nullopt;
    return readRun(*q);
  });
}

std::optional<int64_t> RunLog::lastSuccessMs(const std::string &job) {
  return store_.read([&](Database &db) -> std::optional<int64_t> {
    // Newest first along job_runs_by_job: stops at the latest success, however long the log.
    auto q = db.prepare(
        "SELECT ended_at FROM job_runs WHERE job = ? AND status = 'ok' ORDER BY id DESC LIMIT 1");
    q->bind(job);
    if (!q->step()) return std::nullopt;
    return q->optInt64(0);
  });
}

std::vector<RunRecord> RunLog::recent(const std::string &job, int limit) {
  return store_.read([&](Database &db) {
    std::vector<RunRecord> out;
    auto q = db.prepare(
        "SELECT id, job, trigger, started_at, ended_at, status, items, error FROM job_runs"
        " WHERE (?1 = '' OR job = ?1) ORDER BY id DESC LIMIT ?2");
    q->bind(job, limit);
    while (q->step()) out.push_back(readRun(*q));
    return out;
  });
}

}  // namespace encore
