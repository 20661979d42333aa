// hello_cpp.cc -- an Encore source plugin in C++, written with the SDK (encore/plugin.hpp)
// against the installed headers alone. Start a plugin by copying this file.
//
// It shows every part of a plugin:
//  - the entry, settings and jobs declared by name (decl.hpp), counts taken by std::size;
//  - init: the host's services looked up once (host.hpp), settings declared, deployment
//    configuration read;
//  - a job that stores a record and its checkpoint in one transaction (records.hpp);
//  - a job that fetches a URL through the host's HTTP service, which owns TLS, timeouts,
//    rate limits, Retry-After pauses and circuit breakers, and fails with a reason the user
//    reads in /api/workers when the answer is not what it expects (guard.hpp);
//  - a gradual job that works through stored artists a few at a time.
//
// Every callback runs its body through a guard: an exception never crosses into the host;
// it becomes the callback's status code and the run's error text.
//
// Build: see CMakeLists.txt beside this file (C++17 or later).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "encore/plugin.hpp"

namespace {

struct State {
  encore::Host host;
  std::optional<std::string> fetchUrl;  // ENCORE_HELLO_URL, when configured
};

State &stateOf(void *state) {
  return *static_cast<State *>(state);
}

// ---- settings ------------------------------------------------------------------------

constexpr encore_setting_decl kSettings[] = {
    encore::boolSetting({.key = "enabled",
                         .title = "Enabled",
                         .description = "Run the example's jobs.",
                         .defaultValue = true}),
    encore::stringSetting({.key = "greeting",
                           .title = "Greeting",
                           .description = "The word each stored greeting starts with.",
                           .defaultValue = "hello",
                           .maxBytes = 64}),
    encore::intSetting({.key = "interval_seconds",
                        .title = "Greeting interval",
                        .description = "Seconds between two greetings.",
                        .defaultValue = 60,
                        .min = 1,
                        .max = 86400}),
};
constexpr auto kSettingList = encore::declList(kSettings);  // pointers; count: std::size

// ---- job: greet ------------------------------------------------------------------------

/// Stores one artist named "<greeting> <n>" and moves the counter to n, atomically: the
/// checkpoint travels in the same document as the record.
void greet(State &s, encore_run *run) {
  const auto stored = s.host.kvGet("count");
  const int64_t count = (stored ? std::stoll(*stored) : 0) + 1;
  const std::string greeting = s.host.stringSetting("greeting").value_or("hello");

  encore::RecordsWriter doc;
  doc.record("artist", [&](encore::JsonWriter &w) {
    w.field("id", "hello-cpp-" + std::to_string(count));
    w.field("name", greeting + " " + std::to_string(count));
  });
  doc.checkpoint("count", std::to_string(count));
  s.host.submit(run, doc.finish());  // a refused page throws: the guard reports why
  s.host.log(ENCORE_LOG_INFO, "greeting " + std::to_string(count) + " stored");
}

// ---- job: fetch ------------------------------------------------------------------------

/// GETs ENCORE_HELLO_URL and stores its first line as an artist's name.
void fetch(State &s, encore_run *run) {
  if (!s.fetchUrl) {
    s.host.log(ENCORE_LOG_DEBUG, "ENCORE_HELLO_URL is not configured; nothing to fetch");
    return;
  }
  encore::HttpRequest request;
  request.url = *s.fetchUrl;
  request.headers = {{"Accept", "text/plain"}};
  const encore::HttpResponse response = s.host.send(run, request);  // no answer: throws
  if (response.status() != 200) {
    // The run fails with this reason, shown as last_error in /api/workers.
    throw encore::Error(ENCORE_E_FAILED,
                        "the server answered HTTP " + std::to_string(response.status()));
  }
  const std::string_view body = response.body();
  const std::string_view line = body.substr(0, body.find('\n'));
  if (line.empty()) throw encore::Error(ENCORE_E_FAILED, "the server answered an empty line");

  encore::RecordsWriter doc;
  doc.record("artist", [&](encore::JsonWriter &w) {
    w.field("id", "fetched");
    w.field("name", encore::truncateUtf8(line, 2048));  // invalid UTF-8 fails the run
  });
  s.host.submit(run, doc.finish());
}

// ---- job: review (gradual) -------------------------------------------------------------

/// Receives the stalest stored artists, a few per run, and reports them reviewed.
void review(State &s, encore_run *run) {
  encore::RecordsWriter doc;
  for (const std::string &id : s.host.runItems(run)) doc.itemDone(id);
  s.host.submit(run, doc.finish());
}

// ---- callbacks -------------------------------------------------------------------------

/// Each job's callback: the body runs inside the guard.
template <void (*Body)(State &, encore_run *)>
int32_t runJob(void *state, encore_run *run) noexcept {
  State &s = stateOf(state);
  return encore::guardRun(s.host, run, [&] { Body(s, run); });
}

int32_t init(const encore_host *host, void **stateOut) noexcept {
  return encore::guardInit(host, [&] {
    auto state = std::make_unique<State>();
    state->host = encore::Host(host);
    state->host.require({ENCORE_LOG_SERVICE_V1, ENCORE_SETTINGS_SERVICE_V1, ENCORE_KV_SERVICE_V1,
                         ENCORE_RECORDS_SERVICE_V1, ENCORE_RUN_SERVICE_V1, ENCORE_HTTP_SERVICE_V1,
                         ENCORE_CONFIG_SERVICE_V1});
    state->host.declareSettings(kSettingList);
    state->fetchUrl = state->host.config("ENCORE_HELLO_URL");
    // A modest budget: at most 5 requests per 10 s to that host.
    if (state->fetchUrl) state->host.setRateLimit(*state->fetchUrl, 5, 10'000);
    *stateOut = state.release();
  });
}

void shutdown(void *state) noexcept {
  delete static_cast<State *>(state);
}

// ---- declarations ----------------------------------------------------------------------

constexpr encore_job_decl kJobs[] = {
    encore::job({.id = "greet",
                 .title = "Greet",
                 .description = "Stores one greeting artist per run, counting in a checkpoint.",
                 .cooldownSeconds = 60,
                 .cooldownSetting = "interval_seconds",  // read at every scheduler cycle
                 .cooldownUnitSeconds = 1,
                 .run = runJob<greet>}),
    encore::job({.id = "fetch",
                 .title = "Fetch",
                 .description = "Fetches ENCORE_HELLO_URL through the host; stores its first line.",
                 .cooldownSeconds = 300,
                 .run = runJob<fetch>}),
    encore::gradualJob({.id = "review",
                        .title = "Review artists",
                        .description = "Works through the stored artists two at a time.",
                        .cooldownSeconds = 60,
                        .batchSize = 2,
                        .itemType = "artist",
                        .itemStaleSeconds = 3600,
                        .run = runJob<review>}),
};
constexpr auto kJobList = encore::declList(kJobs);

}  // namespace

ENCORE_PLUGIN_ENTRY = encore::pluginEntry({
    .id = "hello_cpp",
    .name = "Hello (C++ example)",
    .version = "1.0.0",
    .description = "The example plugin in C++: greetings, a fetch and a gradual review.",
    .init = init,
    .shutdown = shutdown,
    .enabledSetting = "enabled",  // the master toggle: while false, no job runs
    .jobs = kJobList,
});
