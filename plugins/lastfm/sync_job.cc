#include "sync_job.h"

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

  const int64_t now = host.nowMs() / 1000;
  auto backfillTo = host.kvGet("backfill.to");
  if (!backfillTo) {
    // First run: the backfill takes everything before now, the incremental passes the rest.
    backfillTo = std::to_string(now);
    host.kvSet("backfill.to", *backfillTo);
    host.kvSet("sync.from", *backfillTo);
  }

  // New scrobbles first, so recent listening shows up while a long backfill goes on. A
  // scrobble is stamped with the start of the track but sent at its end (or days later from
  // an offline device), so each pass looks back before the cursor; what it sees again is
  // the same listening and is stored once.
  const int64_t lookback =
      configNumber(host, "ENCORE_LASTFM_LOOKBACK_SECONDS", 6 * 3600, 0, 14 * 86400);
  const int64_t cursor =
      std::strtoll(host.kvGet("sync.from").value_or(*backfillTo).c_str(), nullptr, 10);
  const int64_t from = cursor - lookback;
  auto passTo = host.kvGet("sync.to");
  if (!passTo && from < now) {
    passTo = std::to_string(now);
    host.kvSet("sync.to", *passTo);
  }
  if (passTo) {
    Window pass{"sync", from, std::strtoll(passTo->c_str(), nullptr, 10), {}};
    pass.onDone = {{"sync.from", *passTo}, {"sync.to", std::nullopt}};
    if (int32_t rc = runWindow(ctx, run, pass); rc != ENCORE_OK) return rc;
  }

  if (host.kvGet("backfill.done").value_or("") != "1") {
    Window backfill{"backfill", std::nullopt, std::strtoll(backfillTo->c_str(), nullptr, 10), {}};
    backfill.onDone = {{"backfill.done", "1"}};
    if (int32_t rc = runWindow(ctx, run, backfill); rc != ENCORE_OK) return rc;
    host.log(ENCORE_LOG_INFO, "Last.fm backfill complete for " + user);
  }
  return ENCORE_OK;
}

}  // namespace lastfm
