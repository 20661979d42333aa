// GET /api/workers and POST /api/workers/{job}/run
#include "daemon/core/time_format.h"
#include "web/api_error.h"
#include "web/routes/api_routes.h"
#include "web/routes/status_snapshot.h"

namespace encore {
namespace {

nlohmann::json isoOrNull(int64_t ms) {
  return ms > 0 ? nlohmann::json(formatIsoUtc(ms)) : nlohmann::json(nullptr);
}

nlohmann::json workerJson(const Scheduler::JobStatus &st, WebServices &s) {
  nlohmann::json lastRun = nullptr;
  nlohmann::json lastError = nullptr;
  if (st.lastRun) {
    const auto &r = *st.lastRun;
    lastRun = {{"started_at", isoOrNull(r.startedAt)},
               {"ended_at", isoOrNull(r.endedAt)},
               {"status", r.status},
               {"trigger", r.trigger},
               {"items", r.items},
               {"error", r.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.error)}};
    if (!r.error.empty() && r.status != "ok") lastError = r.error;
  }
  // The worst breaker and the latest pause over the hosts this plugin talks to.
  std::string breaker = "closed";
  int64_t pausedUntil = 0;
  std::string pauseReason;
  for (const auto &h : s.policies.status(st.spec.plugin)) {
    if (h.breaker == "open" || (h.breaker == "half_open" && breaker == "closed"))
      breaker = h.breaker;
    if (h.pausedUntil > pausedUntil) {
      pausedUntil = h.pausedUntil;
      pauseReason = "rate-limited until " + formatIsoUtc(h.pausedUntil) + " (" + h.host + ")";
    }
  }
  return {
      {"job", st.spec.id},
      {"plugin", st.spec.plugin},
      {"title", st.spec.title},
      {"enabled", st.enabled},
      {"state", st.state},
      {"gradual", st.spec.gradual},
      {"cooldown_seconds", st.cooldownMs / 1000},
      {"last_run", lastRun},
      {"next_due", isoOrNull(st.nextDueMs)},
      {"breaker", breaker},
      {"paused_until", isoOrNull(pausedUntil)},
      {"pause_reason", pauseReason.empty() ? nlohmann::json(nullptr) : nlohmann::json(pauseReason)},
      {"held", st.hold ? nlohmann::json(st.hold->reason) : nlohmann::json(nullptr)},
      {"last_error", lastError}};
}

}  // namespace

void addWorkerRoutes(Router &router, WebServices &s) {
  // At most a second old, and never older than the last change of a job, setting, host or
  // account: "Run now" and a saved setting show at once.
  auto snapshot = std::make_shared<StatusSnapshot>(
      [&s] {
        return std::vector<uint64_t>{s.scheduler.generation(), s.settings.generation(),
                                     s.policies.generation(),
                                     s.accountsGeneration ? s.accountsGeneration() : 0};
      },
      1000);
  router.add("GET", "/api/workers", [&s, snapshot](RequestContext &ctx) {
    auto body = snapshot->get(s.clock.nowMs(), [&s] {
      nlohmann::json list = nlohmann::json::array();
      for (const auto &st : s.scheduler.status()) list.push_back(workerJson(st, s));
      return nlohmann::json{{"workers", list}}.dump();
    });
    ctx.sendText(200, "application/json", *body);
  });

  router.add("POST", "/api/workers/{job}/run", [&s](RequestContext &ctx) {
    const std::string &job = ctx.param("job");
    auto result = s.scheduler.runNow(job);
    switch (result.outcome) {
      case Scheduler::RunNow::Started: {
        nlohmann::json body = {{"job", job}, {"status", "started"}};
        if (auto st = s.scheduler.status(job)) body["worker"] = workerJson(*st, s);
        ctx.sendJson(202, body);
        return;
      }
      case Scheduler::RunNow::UnknownJob:
        throw ApiError(404, "unknown_job", result.message);
      case Scheduler::RunNow::AlreadyRunning:
        throw ApiError(409, "already_running", result.message);
      case Scheduler::RunNow::Held: {
        std::string message = result.message;
        throw ApiError(409, "held", message,
                       {{"until", result.untilMs > 0 ? nlohmann::json(formatIsoUtc(result.untilMs))
                                                     : nlohmann::json(nullptr)}});
      }
    }
  });
}

}  // namespace encore
