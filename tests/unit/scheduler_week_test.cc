// A simulated week of scheduling on a manual clock: cooldowns from settings, a breaker
// opening and backing off during an outage, a day-long Retry-After pause, a manual run,
// a cooldown changed mid-week, the master toggle, and a gradual job running dry. The run
// sequence is checked exactly.
#include <gtest/gtest.h>

#include "daemon/app/policy_gate.h"
#include "daemon/core/time_format.h"
#include "daemon/scheduler/scheduler.h"
#include "daemon/store/store.h"
#include "settings/settings.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
const int64_t kT0 = *parseIsoUtc("2026-11-02T00:00:00Z");  // a Monday
const std::string kSyncHost = "https://api.sim.example:443";
const std::string kAlbumHost = "https://albums.sim.example:443";

int64_t at(int day, int hour, int minute, int second = 0) {
  return kT0 + day * kDay + hour * kHour + minute * kMinute + second * 1000;
}

/// A plugin whose every run sends one request through the real host policies to an
/// upstream scripted by time.
class SimulatedPlugin : public JobExecutor {
 public:
  SimulatedPlugin(Clock &clock, HostPolicies &policies) : clock_(clock), policies_(policies) {}

  RunResult execute(const RunRequest &request) override {
    const int64_t now = clock_.nowMs();
    runs.push_back({now, request.job.id, request.manual});
    const bool sync = request.job.id == "sim.sync";
    const std::string host = sync ? kSyncHost : kAlbumHost;
    auto admission = policies_.admit("sim", host, &request.cancel);
    if (admission.verdict != HostPolicies::Verdict::Go) {
      return {RunStatus::Failed, 0, admission.reason};
    }
    requestTimes[host].push_back(now);
    if (sync && now >= at(1, 10, 0) && now < at(1, 10, 40)) {
      policies_.report("sim", host, HostPolicies::Outcome::Failure);
      return {RunStatus::Failed, 0, "HTTP 503"};
    }
    if (sync && now >= at(3, 12, 0) && !rateLimited_) {
      rateLimited_ = true;
      policies_.pause("sim", host, now + 21'600'000, "HTTP 429");
      policies_.report("sim", host, HostPolicies::Outcome::Neutral);
      return {RunStatus::Failed, 0, "HTTP 429"};
    }
    policies_.report("sim", host, HostPolicies::Outcome::Success);
    return {RunStatus::Ok, 1, ""};
  }

  struct Run {
    int64_t atMs;
    std::string job;
    bool manual;
  };
  std::vector<Run> runs;
  std::map<std::string, std::vector<int64_t>> requestTimes;

 private:
  Clock &clock_;
  HostPolicies &policies_;
  bool rateLimited_ = false;
};

SettingDef simSetting(const std::string &name, SettingType type, SettingValue def) {
  SettingDef d;
  d.key = "sim." + name;
  d.owner = "sim";
  d.type = type;
  d.defaultValue = def;
  d.min = 1;
  d.max = 1440;
  return d;
}

TEST(SchedulerWeekTest, RunsExactlyWhenCooldownsTogglesBreakersAndPausesAllow) {
  test::TempDir dir("/dev/shm");  // thousands of commits; fsync is not what is tested here
  Store store(dir.str(), builtinMigrations());
  Settings settings(store, [](const std::string &) { return std::optional<std::string>(); });
  settings.declare(simSetting("enabled", SettingType::Bool, true));
  settings.declare(simSetting("sync_minutes", SettingType::Int, int64_t{5}));
  ManualClock clock(kT0);
  HostPolicies policies(clock, nullptr);
  PolicyGate gate(policies, [](const std::string &) { return std::optional<JobGate::Hold>(); });
  RunLog runLog(store);
  InlineDispatcher dispatcher;
  Scheduler scheduler(clock, settings, runLog, dispatcher, gate, [&](const JobSpec &, int64_t) {
    return clock.nowMs() < at(6, 0, 0) ? std::vector<std::string>{"artist-1"}
                                       : std::vector<std::string>{};
  });
  SimulatedPlugin plugin(clock, policies);

  JobSpec sync;
  sync.id = "sim.sync";
  sync.plugin = "sim";
  sync.cooldownSetting = "sim.sync_minutes";
  sync.cooldownUnitMs = kMinute;
  sync.pluginEnabledSetting = "sim.enabled";
  JobSpec albums;
  albums.id = "sim.albums";
  albums.plugin = "sim";
  albums.defaultCooldownMs = 2 * kMinute;
  albums.pluginEnabledSetting = "sim.enabled";
  albums.gradual = true;
  albums.batchSize = 5;
  albums.itemType = "artist";
  scheduler.addJob(sync, &plugin);
  scheduler.addJob(albums, &plugin);

  struct Event {
    int64_t atMs;
    std::function<void()> apply;
  };
  std::vector<Event> events = {
      {at(2, 15, 2, 30),
       [&] { EXPECT_EQ(scheduler.runNow("sim.sync").outcome, Scheduler::RunNow::Started); }},
      {at(4, 9, 0),
       [&] {
         EXPECT_TRUE(settings.update({{"sim.sync_minutes", 15}}).empty());
       }},
      {at(5, 0, 0),
       [&] {
         EXPECT_TRUE(settings.update({{"sim.enabled", false}}).empty());
       }},
      {at(5, 6, 0),
       [&] {
         EXPECT_TRUE(settings.update({{"sim.enabled", true}}).empty());
       }},
  };
  const int64_t end = at(7, 0, 0);
  size_t nextEvent = 0;
  for (int guard = 0; guard < 100'000; ++guard) {
    int64_t t = std::min(scheduler.nextDueMs(),
                         nextEvent < events.size() ? events[nextEvent].atMs : INT64_MAX);
    if (t >= end) break;
    clock.set(std::max(t, clock.nowMs()));
    while (nextEvent < events.size() && events[nextEvent].atMs <= clock.nowMs()) {
      events[nextEvent++].apply();
    }
    scheduler.tick();
  }

  // The sync job's expected sequence, from the rules alone.
  std::vector<int64_t> expected;
  auto every = [&](int64_t from, int64_t step, int64_t before) {
    for (int64_t t = from; t < before; t += step) expected.push_back(t);
  };
  every(at(0, 0, 0), 5 * kMinute, at(1, 10, 15));  // normal, then three failures by 10:10
  // The breaker opened at 10:10 for 1 min; each failed probe doubles the open period, so
  // the probes go at 10:15, 10:20 (open until 10:24), 10:25, then 10:33 (held) and, once the
  // upstream is back at 10:40, 10:49 closes it.
  for (auto t : {at(1, 10, 15), at(1, 10, 20), at(1, 10, 25), at(1, 10, 33)}) expected.push_back(t);
  every(at(1, 10, 49), 5 * kMinute, at(2, 15, 2, 30));
  every(at(2, 15, 2, 30), 5 * kMinute, at(3, 12, 0));  // the manual run restarts the rhythm
  int64_t rateLimitedRun = at(2, 15, 2, 30);
  while (rateLimitedRun < at(3, 12, 0)) rateLimitedRun += 5 * kMinute;
  expected.push_back(rateLimitedRun);  // answered 429, Retry-After 6 h
  int64_t resumed = rateLimitedRun + 6 * kHour;
  int64_t lastBeforeChange = resumed;
  while (lastBeforeChange + 5 * kMinute <= at(4, 9, 0)) lastBeforeChange += 5 * kMinute;
  every(resumed, 5 * kMinute, lastBeforeChange + 1);
  every(lastBeforeChange + 15 * kMinute, 15 * kMinute, at(5, 0, 0));  // the new cooldown
  every(at(5, 6, 0), 15 * kMinute, end);                              // toggle back on: due at once

  std::vector<int64_t> actual;
  std::vector<int64_t> albumRuns;
  for (const auto &run : plugin.runs)
    (run.job == "sim.sync" ? actual : albumRuns).push_back(run.atMs);
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(formatIsoUtc(actual[i]), formatIsoUtc(expected[i])) << "sync run #" << i;
  }

  // Nothing at all reached the rate-limited host during its Retry-After window.
  for (int64_t t : plugin.requestTimes[kSyncHost]) {
    EXPECT_FALSE(t > rateLimitedRun && t < resumed) << formatIsoUtc(t);
  }
  // The other job of the same plugin was held too, and resumed exactly at the pause's end.
  for (int64_t t : albumRuns) {
    EXPECT_FALSE(t > rateLimitedRun && t < resumed) << formatIsoUtc(t);
    EXPECT_FALSE(t >= at(5, 0, 0) && t < at(5, 6, 0)) << formatIsoUtc(t);
    EXPECT_LT(t, at(6, 0, 0)) << "a gradual job with nothing stale must not run";
  }
  EXPECT_NE(std::find(albumRuns.begin(), albumRuns.end(), resumed), albumRuns.end());
  EXPECT_NE(std::find(albumRuns.begin(), albumRuns.end(), at(5, 6, 0)), albumRuns.end());
  for (size_t i = 1; i < albumRuns.size(); ++i)
    EXPECT_GE(albumRuns[i] - albumRuns[i - 1], 2 * kMinute);

  // Every run is in the run log, with its outcome and trigger.
  auto logged = runLog.recent("sim.sync", 100'000);
  ASSERT_EQ(logged.size(), expected.size());
  int failed = 0, manual = 0;
  for (const auto &r : logged) {
    failed += r.status == "failed";
    manual += r.trigger == "manual";
  }
  EXPECT_EQ(failed, 8);  // seven during the outage, one 429
  EXPECT_EQ(manual, 1);
}

}  // namespace
}  // namespace encore
