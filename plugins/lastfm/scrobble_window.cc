#include "scrobble_window.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "encore/records.hpp"
#include "window_walk.h"

namespace lastfm {
namespace {

constexpr int64_t kEarliest = 946684800;  // 2000-01-01: older dates are clock errors
constexpr size_t kMaxName = 2048;         // the host refuses a page with a longer name

/// Listening the host takes: named, dated after 2000 and not in the future, names it
/// accepts. Any other entry holds its place in the pages and is left out.
bool storable(const Scrobble &s, int64_t latest) {
  if (!s.usable() || s.uts < kEarliest || s.uts > latest) return false;
  for (const std::string *name : {&s.artist, &s.track, &s.album}) {
    if (name->size() > kMaxName || name->find('\0') != std::string::npos) return false;
  }
  return true;
}

/// The kv keys of a window's position, and those of the page-number walk before it.
struct PositionKeys {
  explicit PositionKeys(const std::string &prefix)
      : reached(prefix + ".reached"),
        boundary(prefix + ".boundary"),
        left(prefix + ".left"),
        lastPage(prefix + ".last_page"),
        legacy{prefix + ".page", prefix + ".pages", prefix + ".newest", prefix + ".sig"} {}
  std::string reached, boundary, left, lastPage;
  std::string legacy[4];
};

std::optional<int64_t> kvNumber(const encore::Host &host, const std::string &key) {
  auto v = host.kvGet(key);
  if (!v || v->empty()) return std::nullopt;
  return std::strtoll(v->c_str(), nullptr, 10);
}

std::string joinIdentities(const std::vector<uint64_t> &ids) {
  std::string out;
  char hex[17];
  for (uint64_t id : ids) {
    std::snprintf(hex, sizeof hex, "%016" PRIx64, id);
    if (!out.empty()) out += ',';
    out += hex;
  }
  return out;
}

std::vector<uint64_t> splitIdentities(const std::string &text) {
  std::vector<uint64_t> out;
  for (size_t at = 0; at < text.size();) {
    size_t comma = text.find(',', at);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(std::strtoull(text.substr(at, comma - at).c_str(), nullptr, 16));
    at = comma + 1;
  }
  return out;
}

WalkPosition loadPosition(const encore::Host &host, const PositionKeys &keys) {
  WalkPosition p;
  p.reached = kvNumber(host, keys.reached);
  if (p.reached) {
    p.boundary = splitIdentities(host.kvGet(keys.boundary).value_or(""));
    std::sort(p.boundary.begin(), p.boundary.end());
    p.left = kvNumber(host, keys.left);
    p.lastPage = host.kvGet(keys.lastPage).value_or("");
  } else {
    // A walk by page number stored everything up to its newest scrobble; this one goes on
    // from that second (read again, stored once) and counts the rest afresh.
    p.reached = kvNumber(host, keys.legacy[2]);
  }
  return p;
}

/// Last.fm reports no duration: ms_played 0 means "not reported" (docs/HISTORY.md).
encore::Play playOf(const Scrobble &s) {
  encore::Play play;
  play.startedAt = s.uts;
  play.source = "lastfm";
  play.track = s.track;
  play.artist = s.artist;
  play.album = s.album;
  return play;
}

std::optional<std::string_view> numberText(const std::optional<int64_t> &n, std::string &buffer) {
  if (!n) return std::nullopt;
  buffer = std::to_string(*n);
  return buffer;
}

class HostWalkIo : public WalkIo {
 public:
  HostWalkIo(const SyncContext &ctx, encore_run *run, const Window &w)
      : ctx_(ctx), run_(run), w_(w), keys_(w.prefix) {}

  int32_t fetch(std::optional<int64_t> from, int64_t to, int64_t page, int64_t limit,
                RecentPage &out) override {
    return fetchRecentPage(ctx_, run_, from, to, page, limit, out);
  }

  int32_t store(const std::vector<Scrobble> &chunk, Mark mark,
                const WalkPosition &position) override {
    const int64_t latest = ctx_.host.nowMs() / 1000 + 86400;
    doc_.clear();
    for (const auto &s : chunk) {
      // Text the host would refuse is left out like any other unstorable entry.
      if (storable(s, latest)) doc_.tryPlay(playOf(s));
    }
    if (mark == Mark::Done) {
      for (const auto &[key, value] : w_.onDone) doc_.checkpoint(key, value);
      for (const auto *k : {&keys_.reached, &keys_.boundary, &keys_.left, &keys_.lastPage})
        doc_.checkpoint(*k, std::nullopt);
      for (const auto &k : keys_.legacy) doc_.checkpoint(k, std::nullopt);
    } else if (mark == Mark::Advance) {
      std::string reached, left;
      doc_.checkpoint(keys_.reached, numberText(position.reached, reached));
      doc_.checkpoint(keys_.boundary, joinIdentities(position.boundary));
      doc_.checkpoint(keys_.left, numberText(position.left, left));
      doc_.checkpoint(keys_.lastPage, position.lastPage);
    } else if (doc_.records() == 0) {
      return ENCORE_OK;
    }
    ctx_.host.submit(run_, doc_.finish());  // a refusal ends the run with the host's reason
    return ENCORE_OK;
  }

  bool wait(int64_t ms) override { return ctx_.host.sleepMs(run_, ms); }
  void fail(const std::string &reason) override { throw encore::Error(ENCORE_E_FAILED, reason); }

  const PositionKeys &keys() const { return keys_; }

 private:
  const SyncContext &ctx_;
  encore_run *run_;
  const Window &w_;
  PositionKeys keys_;
  encore::RecordsWriter doc_;  // one page at a time, its memory kept
};

}  // namespace

std::vector<std::string> walkStateKeys(const std::string &prefix) {
  PositionKeys keys(prefix);
  std::vector<std::string> out = {keys.reached, keys.boundary, keys.left, keys.lastPage};
  out.insert(out.end(), std::begin(keys.legacy), std::end(keys.legacy));
  return out;
}

int32_t runWindow(const SyncContext &ctx, encore_run *run, const Window &w) {
  HostWalkIo io(ctx, run, w);
  WalkWindow window{w.prefix, w.from, w.to, ctx.user};
  WalkTuning tuning;
  tuning.backoffMs = ctx.backoffMs;
  return walkWindow(io, window, loadPosition(ctx.host, io.keys()), tuning);
}

}  // namespace lastfm
