#include "daemon/history/play_document.h"

#include <algorithm>

#include "daemon/records/json_scanner.h"
#include "daemon/records/record_store.h"

namespace encore {
namespace {

bool validName(const std::string &s, size_t maxLength) {
  return s.size() <= maxLength && s.find('\0') == std::string::npos;
}

/// What readPlay (play_input.cc) and RecordReader check, on values already read.
bool acceptable(const PlayInput &p, int64_t latest) {
  const PlayedTrack &t = p.track;
  return p.startedAt >= kEarliestPlay && p.startedAt <= latest && p.msPlayed >= 0 &&
         p.msPlayed <= kMaxMsPlayed && validPlaySource(p.source) && !t.name.empty() &&
         validName(t.name, kMaxNameLength) && !t.artist.empty() &&
         validName(t.artist, kMaxNameLength) && validName(t.album, kMaxNameLength) &&
         (!t.uri || validTrackUri(*t.uri)) &&
         (!t.durationMs || (*t.durationMs >= 0 && *t.durationMs <= kMaxMsPlayed));
}

/// Reads an object member by member: `member(key)` reads the value and answers the key's
/// slot (0..31) for a known key, -1 for an unknown one it skipped, or -2 to refuse. A
/// known key seen twice is refused: the generic parser keeps the last, this reader the
/// first. `key` is scratch space, reused at every depth.
template <typename Member>
bool readObject(JsonScanner &in, std::string &key, Member &&member) {
  if (!in.consume('{')) return false;
  if (in.consume('}')) return true;
  uint32_t seen = 0;
  do {
    if (!in.string(key) || !in.consume(':')) return false;
    const int slot = member(key);
    if (slot == -2) return false;
    if (slot >= 0) {
      if ((seen & (1u << slot)) != 0) return false;
      seen |= 1u << slot;
    }
  } while (in.consume(','));
  return in.consume('}');
}

constexpr int kRefuse = -2;
constexpr int kSkipped = -1;

int skipped(JsonScanner &in) {
  std::string_view raw;
  return in.skipValue(raw) ? kSkipped : kRefuse;
}

/// A string member that may be null (absent).
bool optionalString(JsonScanner &in, std::optional<std::string> &out) {
  if (in.null()) {
    out.reset();
    return true;
  }
  out.emplace();
  return in.string(*out);
}

bool optionalInteger(JsonScanner &in, std::optional<int64_t> &out) {
  if (in.null()) {
    out.reset();
    return true;
  }
  int64_t v = 0;
  if (!in.integer(v)) return false;
  out = v;
  return true;
}

// A track: "name", "artist", "album"?, "spotify_uri"?, "duration_ms"?.
bool readTrack(JsonScanner &in, std::string &key, PlayedTrack &t) {
  std::optional<std::string> album;
  uint32_t required = 0;
  bool ok = readObject(in, key, [&](const std::string &k) {
    if (k == "name") return in.string(t.name) ? (required |= 1, 0) : kRefuse;
    if (k == "artist") return in.string(t.artist) ? (required |= 2, 1) : kRefuse;
    if (k == "album") return optionalString(in, album) ? 2 : kRefuse;
    if (k == "spotify_uri") return optionalString(in, t.uri) ? 3 : kRefuse;
    if (k == "duration_ms") return optionalInteger(in, t.durationMs) ? 4 : kRefuse;
    return skipped(in);
  });
  t.album = album.value_or("");
  return ok && required == 3;
}

// A play: "type": "play", "started_at", "ms_played", "source"?, "track".
bool readPlay(JsonScanner &in, std::string &key, PlayInput &p, const std::string &defaultSource) {
  std::optional<std::string> source;
  std::string type;
  uint32_t required = 0;
  bool ok = readObject(in, key, [&](const std::string &k) {
    if (k == "type") return in.string(type) && type == "play" ? (required |= 1, 0) : kRefuse;
    if (k == "started_at") return in.integer(p.startedAt) ? (required |= 2, 1) : kRefuse;
    if (k == "ms_played") return in.integer(p.msPlayed) ? (required |= 4, 2) : kRefuse;
    if (k == "source") return optionalString(in, source) ? 3 : kRefuse;
    if (k == "track") return readTrack(in, key, p.track) ? (required |= 8, 4) : kRefuse;
    return skipped(in);
  });
  p.source = source ? std::move(*source) : defaultSource;
  return ok && required == 15;
}

}  // namespace

std::optional<PlayDocument> readPlayDocument(std::string_view json,
                                             const std::string &defaultSource, int64_t nowMs) {
  const int64_t latest = latestPlayStart(nowMs);
  JsonScanner in(json);
  PlayDocument doc;
  std::string key;
  auto readRecords = [&] {
    if (!in.consume('[')) return false;
    if (in.consume(']')) return true;
    do {
      if (doc.plays.size() >= RecordStore::kMaxRecordsPerDocument) return false;
      PlayInput &play = doc.plays.emplace_back();
      if (!readPlay(in, key, play, defaultSource) || !acceptable(play, latest)) return false;
      if (doc.plays.size() == 1) {
        // A page of plays after all: room for as many as its size suggests (~200 bytes each).
        doc.plays.reserve(std::min<size_t>(json.size() / 150, RecordStore::kMaxRecordsPerDocument));
      }
    } while (in.consume(','));
    return in.consume(']');
  };
  auto readRaw = [&](std::optional<std::string> &out) {
    std::string_view raw;
    if (!in.skipValue(raw)) return false;
    out = std::string(raw);
    return true;
  };
  bool ok = readObject(in, key, [&](const std::string &k) {
    if (k == "records") return readRecords() ? 0 : kRefuse;
    if (k == "checkpoint") return readRaw(doc.checkpoint) ? 1 : kRefuse;
    if (k == "items_done") return readRaw(doc.itemsDone) ? 2 : kRefuse;
    return skipped(in);
  });
  if (!ok || !in.atEnd()) return std::nullopt;
  return doc;
}

}  // namespace encore
