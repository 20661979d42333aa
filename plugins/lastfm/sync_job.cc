#include "sync_job.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "encore/records.hpp"
#include "scrobble_window.h"

namespace lastfm {
namespace {

int64_t configNumber(const encore::Host &host, const char *key, int64_t fallback, int64_t min,
                     int64_t max) {
  auto v = host.config(key);
  if (!v) return fallback;
  char *end = nullptr;
  long long n = std::strtoll(v->c_str(), &end, 10);
  if (end == v->c_str() || *end != '\0' || n < min || n > max) return fallback;
  return n;
}

/// Where the user's checkpoints and cursors are kept. Last.fm user names are ASCII and
/// case-insensitive: "RJ" and "rj" are one history.
std::string statePrefix(const std::string &user) {
  std::string name = user;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return "user." + name + ".";
}

/// State kept by a version that had one history for whichever user was set does not say
/// whose it is; it is taken for the user set when this version first runs (the likeliest
/// owner: the name rarely changes) and moved under that user's prefix in one transaction,
/// so nothing already stored is fetched again.
void adoptUnkeyedState(const encore::Host &host, encore_run *run, const std::string &prefix) {
  if (!host.kvGet("backfill.to") || host.kvGet(prefix + "backfill.to")) return;
  std::vector<std::string> keys = {"backfill.to", "backfill.done", "sync.from", "sync.to"};
  for (const char *window : {"backfill", "sync"}) {
    for (auto &key : walkStateKeys(window)) keys.push_back(std::move(key));
  }
  encore::RecordsWriter doc;
  for (const auto &key : keys) {
    auto value = host.kvGet(key);
    if (!value) continue;
    doc.checkpoint(prefix + key, *value);
    doc.checkpoint(key, std::nullopt);
  }
  host.submit(run, doc.finish());  // a refusal ends the run with the host's reason
}

}  // namespace

int32_t runScrobbleSync(const encore::Host &host, encore_run *run) {
  const std::string user = host.stringSetting("username").value_or("");
  const std::string apiKey = host.stringSetting("api_key").value_or("");
  if (user.empty() || apiKey.empty()) {
    throw encore::Error(ENCORE_E_FAILED,
                        "Last.fm is not set up: set lastfm.username and lastfm.api_key");
  }
  const std::string secret = host.stringSetting("shared_secret").value_or("");
  const std::string session = secret.empty() ? "" : host.kvGet("session_key").value_or("");
  LastfmApi api(host, endpointFrom(host), apiKey, secret);
  // Last.fm asks for no more than a few calls a second; an operator with a raised limit
  // (or a test against a local fake) sets ENCORE_LASTFM_REQUESTS_PER_SECOND.
  const int64_t rps = configNumber(host, "ENCORE_LASTFM_REQUESTS_PER_SECOND", 4, 1, 1000);
  host.setRateLimit(api.endpoint(), static_cast<uint32_t>(rps), 1000);
  SyncContext ctx{host, api, user, session,
                  configNumber(host, "ENCORE_LASTFM_BACKOFF_MS", 2000, 1, 600'000)};

  const std::string state = statePrefix(user);
  adoptUnkeyedState(host, run, state);
  const int64_t now = host.nowMs() / 1000;
  auto backfillTo = host.kvGet(state + "backfill.to");
  if (auto previous = host.kvGet("user"); previous != user) {
    if (previous) {
      host.log(ENCORE_LOG_INFO, "Last.fm user is now " + user + " (was " + *previous +
                                    "); the plays stored before stay");
    }
    host.kvSet("user", user);
  }
  if (!backfillTo) {
    // The user's first run: the backfill takes everything before now, the incremental
    // passes the rest.
    backfillTo = std::to_string(now);
    host.kvSet(state + "backfill.to", *backfillTo);
    host.kvSet(state + "sync.from", *backfillTo);
  }

  // New scrobbles first, so recent listening shows up while a long backfill goes on. A
  // scrobble is stamped with the start of the track but sent at its end (or days later from
  // an offline device), so each pass looks back before the cursor; what it sees again is
  // the same listening and is stored once.
  const int64_t lookback =
      configNumber(host, "ENCORE_LASTFM_LOOKBACK_SECONDS", 6 * 3600, 0, 14 * 86400);
  const int64_t cursor =
      std::strtoll(host.kvGet(state + "sync.from").value_or(*backfillTo).c_str(), nullptr, 10);
  const int64_t from = cursor - lookback;
  auto passTo = host.kvGet(state + "sync.to");
  if (!passTo && from < now) {
    passTo = std::to_string(now);
    host.kvSet(state + "sync.to", *passTo);
  }
  if (passTo) {
    Window pass{state + "sync", from, std::strtoll(passTo->c_str(), nullptr, 10), {}};
    pass.onDone = {{state + "sync.from", *passTo}, {state + "sync.to", std::nullopt}};
    if (int32_t rc = runWindow(ctx, run, pass); rc != ENCORE_OK) return rc;
  }

  if (host.kvGet(state + "backfill.done").value_or("") != "1") {
    Window backfill{
        state + "backfill", std::nullopt, std::strtoll(backfillTo->c_str(), nullptr, 10), {}};
    backfill.onDone = {{state + "backfill.done", "1"}};
    if (int32_t rc = runWindow(ctx, run, backfill); rc != ENCORE_OK) return rc;
    host.log(ENCORE_LOG_INFO, "Last.fm backfill complete for " + user);
  }
  return ENCORE_OK;
}

}  // namespace lastfm
