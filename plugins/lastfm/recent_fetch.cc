#include "recent_fetch.h"

#include <algorithm>

namespace lastfm {
namespace {

constexpr int kRateRetries = 3;

std::optional<int64_t> kvNumber(const encore::Host &host, const std::string &key) {
  auto v = host.kvGet(key);
  if (!v || v->empty()) return std::nullopt;
  return std::strtoll(v->c_str(), nullptr, 10);
}

std::string describeError(const ApiResult &r) {
  return "Last.fm error " + std::to_string(r.error) + (r.message.empty() ? "" : ": " + r.message);
}

/// What a Last.fm error means for the run: returns to retry, throws to end the run.
void onLastfmError(const SyncContext &ctx, encore_run *run, const ApiResult &r, int attempt) {
  const std::string who = "Last.fm user '" + ctx.user + "'";
  switch (r.error) {
    case 29: {
      if (r.status == 429) {
        // The host has paused Last.fm already (HTTP 429); the scheduler holds the job.
        throw encore::Error(
            ENCORE_E_RATE_LIMITED,
            "Last.fm rate limit (error 29, HTTP 429): paused, the sync resumes later");
      }
      if (attempt < kRateRetries) return;
      int64_t strikes = kvNumber(ctx.host, "rate.strikes").value_or(0);
      int64_t pauseMs =
          std::min<int64_t>(ctx.backoffMs * 30 << std::min<int64_t>(strikes, 6), 3600'000);
      ctx.host.kvSet("rate.strikes", std::to_string(strikes + 1));
      std::string reason =
          "Last.fm rate limit (error 29): paused for " + std::to_string(pauseMs / 1000) + " s";
      ctx.host.pauseHost(run, ctx.api.endpoint(), pauseMs, reason);
      throw encore::Error(ENCORE_E_RATE_LIMITED, reason + "; the sync resumes from its checkpoint");
    }
    case 2:
    case 8:
    case 11:
    case 16:
      if (attempt < 2) return;
      throw encore::Error(ENCORE_E_NETWORK,
                          "Last.fm is having trouble (" + describeError(r) + "); retried later");
    case 17:
      throw encore::Error(ENCORE_E_FAILED,
                          who +
                              " keeps their recent listening private (error 17). Make it "
                              "public in Last.fm's privacy settings, or connect your account "
                              "(run lastfm.connect).");
    case 6:
      throw encore::Error(ENCORE_E_FAILED, "Last.fm knows no user '" + ctx.user + "' (error 6: " +
                                               r.message + "). Check the setting lastfm.username.");
    case 4:
    case 10:
    case 26:
      throw encore::Error(ENCORE_E_FAILED, "Last.fm refused the API key (" + describeError(r) +
                                               "). Check the setting lastfm.api_key.");
    case 9:
      ctx.host.kvRemove("session_key");
      throw encore::Error(
          ENCORE_E_FAILED,
          "Last.fm revoked Encore's session (error 9); connect again with lastfm.connect");
    default:
      throw encore::Error(ENCORE_E_FAILED, describeError(r));
  }
}

}  // namespace

int32_t fetchRecentPage(const SyncContext &ctx, encore_run *run, std::optional<int64_t> from,
                        int64_t to, int64_t page, int64_t limit, RecentPage &out) {
  Params params = {{"method", "user.getrecenttracks"},
                   {"user", ctx.user},
                   {"limit", std::to_string(limit)},
                   {"page", std::to_string(page)},
                   {"to", std::to_string(to)}};
  if (from) params["from"] = std::to_string(*from);
  if (!ctx.sessionKey.empty()) params["sk"] = ctx.sessionKey;
  for (int attempt = 0;; ++attempt) {
    if (ctx.host.cancelled(run)) return ENCORE_E_CANCELLED;
    ApiResult r = ctx.api.call(run, params, !ctx.sessionKey.empty());
    if (r.kind == ApiResult::Kind::Transport) {
      if (r.code == ENCORE_E_CANCELLED) return r.code;
      throw encore::Error(r.code, "cannot reach Last.fm: " + r.message);
    }
    if (r.kind == ApiResult::Kind::LastfmError) {
      onLastfmError(ctx, run, r, attempt);
      if (!ctx.host.sleepMs(run, ctx.backoffMs << attempt)) return ENCORE_E_CANCELLED;
      continue;
    }
    std::string error = r.message;
    std::optional<RecentPage> parsed;
    if (r.kind == ApiResult::Kind::Ok) parsed = parseRecentPage(r.data, error);
    if (!parsed) {
      throw encore::Error(ENCORE_E_FAILED,
                          "Last.fm sent a malformed page " + std::to_string(page) + ": " + error);
    }
    ctx.host.kvRemove("rate.strikes");
    out = std::move(*parsed);
    return ENCORE_OK;
  }
}

}  // namespace lastfm
