#include "scrobble_window.h"

#include <algorithm>
#include <cctype>

namespace lastfm {
namespace {

constexpr int kLimit = 200;
constexpr int kRateRetries = 3;
constexpr int kGlitchRetries = 3;
constexpr int64_t kEarliest = 946684800;  // 2000-01-01: older dates are clock errors

std::string lower(std::string s) {
  for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<int64_t> kvNumber(const HostApi &host, const std::string &key) {
  auto v = host.kvGet(key);
  if (!v || v->empty()) return std::nullopt;
  return std::strtoll(v->c_str(), nullptr, 10);
}

std::string describeError(const ApiResult &r) {
  return "Last.fm error " + std::to_string(r.error) + (r.message.empty() ? "" : ": " + r.message);
}

/// What a Last.fm error means for the run; ENCORE_OK means "retry".
int32_t onLastfmError(const SyncContext &ctx, encore_run *run, const ApiResult &r, int attempt) {
  const std::string who = "Last.fm user '" + ctx.user + "'";
  switch (r.error) {
    case 29: {
      if (r.status == 429) {
        // The host has paused Last.fm already (HTTP 429); the scheduler holds the job.
        ctx.host.setError(
            run, "Last.fm rate limit (error 29, HTTP 429): paused, the sync resumes later");
        return ENCORE_E_RATE_LIMITED;
      }
      if (attempt < kRateRetries) return ENCORE_OK;
      int64_t strikes = kvNumber(ctx.host, "rate.strikes").value_or(0);
      int64_t pauseMs =
          std::min<int64_t>(ctx.backoffMs * 30 << std::min<int64_t>(strikes, 6), 3600'000);
      ctx.host.kvSet("rate.strikes", std::to_string(strikes + 1));
      std::string reason =
          "Last.fm rate limit (error 29): paused for " + std::to_string(pauseMs / 1000) + " s";
      ctx.host.pauseHost(run, ctx.api.endpoint(), pauseMs, reason);
      ctx.host.setError(run, reason + "; the sync resumes from its checkpoint");
      return ENCORE_E_RATE_LIMITED;
    }
    case 2:
    case 8:
    case 11:
    case 16:
      if (attempt < 2) return ENCORE_OK;
      ctx.host.setError(run, "Last.fm is having trouble (" + describeError(r) + "); retried later");
      return ENCORE_E_NETWORK;
    case 17:
      ctx.host.setError(run, who +
                                 " keeps their recent listening private (error 17). Make it "
                                 "public in Last.fm's privacy settings, or connect your account "
                                 "(run lastfm.connect).");
      return ENCORE_E_FAILED;
    case 6:
      ctx.host.setError(run, "Last.fm knows no user '" + ctx.user + "' (error 6: " + r.message +
                                 "). Check the setting lastfm.username.");
      return ENCORE_E_FAILED;
    case 4:
    case 10:
    case 26:
      ctx.host.setError(run, "Last.fm refused the API key (" + describeError(r) +
                                 "). Check the setting lastfm.api_key.");
      return ENCORE_E_FAILED;
    case 9:
      ctx.host.kvRemove("session_key");
      ctx.host.setError(
          run, "Last.fm revoked Encore's session (error 9); connect again with lastfm.connect");
      return ENCORE_E_FAILED;
    default:
      ctx.host.setError(run, describeError(r));
      return ENCORE_E_FAILED;
  }
}

nlohmann::json playRecord(const Scrobble &s) {
  nlohmann::json track = {{"name", s.track}, {"artist", s.artist}};
  if (!s.album.empty()) track["album"] = s.album;
  // Last.fm reports no duration: ms_played 0 means "not reported" (docs/HISTORY.md).
  return {{"type", "play"},
          {"source", "lastfm"},
          {"started_at", s.uts},
          {"ms_played", 0},
          {"track", track}};
}

}  // namespace

int32_t fetchRecentPage(const SyncContext &ctx, encore_run *run, const Window &w, int64_t page,
                        RecentPage &out) {
  Params params = {{"method", "user.getrecenttracks"},
                   {"user", ctx.user},
                   {"limit", std::to_string(kLimit)},
                   {"page", std::to_string(page)},
                   {"to", std::to_string(w.to)}};
  if (w.from) params["from"] = std::to_string(*w.from);
  if (!ctx.sessionKey.empty()) params["sk"] = ctx.sessionKey;
  for (int attempt = 0;; ++attempt) {
    if (ctx.host.cancelled(run)) return ENCORE_E_CANCELLED;
    ApiResult r = ctx.api.call(run, params, !ctx.sessionKey.empty());
    if (r.kind == ApiResult::Kind::Transport) {
      if (r.code != ENCORE_E_CANCELLED)
        ctx.host.setError(run, "cannot reach Last.fm: " + r.message);
      return r.code;
    }
    if (r.kind == ApiResult::Kind::LastfmError) {
      int32_t rc = onLastfmError(ctx, run, r, attempt);
      if (rc != ENCORE_OK) return rc;
      if (!ctx.host.sleep(run, ctx.backoffMs << attempt)) return ENCORE_E_CANCELLED;
      continue;
    }
    std::string error = r.message;
    std::optional<RecentPage> parsed;
    if (r.kind == ApiResult::Kind::Ok) parsed = parseRecentPage(r.data, error);
    if (!parsed) {
      ctx.host.setError(run,
                        "Last.fm sent a malformed page " + std::to_string(page) + ": " + error);
      return ENCORE_E_FAILED;
    }
    ctx.host.kvRemove("rate.strikes");
    out = std::move(*parsed);
    return ENCORE_OK;
  }
}

int32_t runWindow(const SyncContext &ctx, encore_run *run, const Window &w) {
  const HostApi &host = ctx.host;
  const std::string kPage = w.prefix + ".page", kPages = w.prefix + ".pages",
                    kNewest = w.prefix + ".newest", kSig = w.prefix + ".sig";
  int64_t next = kvNumber(host, kPage).value_or(0);
  RecentPage fetched;
  bool havePageOne = false;
  if (next <= 0) {
    if (int32_t rc = fetchRecentPage(ctx, run, w, 1, fetched); rc != ENCORE_OK) return rc;
    if (fetched.totalPages == 0 || fetched.page != 1 ||
        (!fetched.user.empty() && lower(fetched.user) != lower(ctx.user))) {
      // An empty window ends the pass: make sure it is not a glitch (another page or user
      // served instead) by asking once more.
      if (!host.sleep(run, ctx.backoffMs)) return ENCORE_E_CANCELLED;
      if (int32_t rc = fetchRecentPage(ctx, run, w, 1, fetched); rc != ENCORE_OK) return rc;
      if (fetched.page != 1 || (!fetched.user.empty() && lower(fetched.user) != lower(ctx.user))) {
        host.setError(run, "Last.fm answered the first page of the " + w.prefix +
                               " with another page or user; retried on the next run");
        return ENCORE_E_FAILED;
      }
    }
    next = fetched.totalPages;
    havePageOne = next <= 1;
    if (next <= 0) next = 1;  // an empty window still ends through the last-page path
    host.kvSet(kPages, std::to_string(fetched.totalPages));
  }
  const int64_t minStart = kEarliest, maxStart = host.nowMs() / 1000 + 86400;
  while (next >= 1) {
    RecentPage page;
    if (havePageOne) {
      page = std::move(fetched);
      havePageOne = false;
    } else {
      const auto prevSig = host.kvGet(kSig);
      const int64_t prevNewest = kvNumber(host, kNewest).value_or(0);
      int glitches = 0;
      for (;;) {
        if (int32_t rc = fetchRecentPage(ctx, run, w, next, page); rc != ENCORE_OK) return rc;
        if (page.totalPages < next) break;  // the window shrank (scrobbles deleted)
        std::string problem;
        if (page.page != next) {
          problem =
              "page " + std::to_string(page.page) + " instead of page " + std::to_string(next);
        } else if (!ctx.user.empty() && !page.user.empty() && lower(page.user) != lower(ctx.user)) {
          problem = "a page of another user ('" + page.user + "')";
        } else if (prevSig && page.signature() == *prevSig) {
          problem = "page " + std::to_string(next + 1) + " again as page " + std::to_string(next);
        } else if (!page.scrobbles.empty() && prevSig && page.oldest() < prevNewest) {
          problem = "page " + std::to_string(next) + " out of order";
        } else if (page.scrobbles.empty() && page.nowPlaying == 0 && page.unusable == 0) {
          problem =
              "an empty page " + std::to_string(next) + " of " + std::to_string(page.totalPages);
        }
        if (problem.empty()) break;
        // Never taken for the end: a glitch is retried, then the run stops where it is.
        if (++glitches > kGlitchRetries) {
          host.setError(run, "Last.fm sent " + problem + "; the " + w.prefix + " resumes at page " +
                                 std::to_string(next) + " on the next run");
          return ENCORE_E_FAILED;
        }
        if (!host.sleep(run, ctx.backoffMs << glitches)) return ENCORE_E_CANCELLED;
      }
      if (page.totalPages < next) {
        next = std::max<int64_t>(page.totalPages, 1);
        if (page.totalPages == 0)
          page.scrobbles.clear();
        else
          continue;
      }
    }
    nlohmann::json records = nlohmann::json::array();
    for (const auto &s : page.scrobbles) {
      if (s.uts < minStart || s.uts > maxStart) continue;  // a clock error, not listening
      records.push_back(playRecord(s));
    }
    nlohmann::json checkpoint;
    if (next == 1) {
      checkpoint = w.onDone;
      for (const auto &k : {kPage, kPages, kNewest, kSig}) checkpoint[k] = nullptr;
    } else {
      checkpoint = {
          {kPage, std::to_string(next - 1)},
          {kNewest, std::to_string(std::max(page.newest(), kvNumber(host, kNewest).value_or(0)))},
          {kSig, page.signature()}};
    }
    nlohmann::json doc = {{"records", records}, {"checkpoint", checkpoint}};
    std::string error;
    if (int32_t rc = host.submit(run, doc.dump(), &error); rc != ENCORE_OK) {
      host.setError(run, "the host refused a page of scrobbles: " + error);
      return rc;
    }
    --next;
  }
  return ENCORE_OK;
}

}  // namespace lastfm
