#include "export_entry.h"

#include <cstdlib>

#include "encore/time.hpp"

namespace spotify_export {
namespace {

using Kind = JsonValue::Kind;

bool present(const JsonObject &o, std::string_view key) {
  const JsonValue *v = o.find(key);
  return v != nullptr && v->kind != Kind::Null && !(v->kind == Kind::String && v->text.empty());
}

/// A string field: nullopt when absent or null; false in `ok` when of another type.
std::optional<std::string_view> text(const JsonObject &o, std::string_view key, bool &ok) {
  const JsonValue *v = o.find(key);
  if (v == nullptr || v->kind == Kind::Null) return std::nullopt;
  if (v->kind != Kind::String) {
    ok = false;
    return std::nullopt;
  }
  return v->text;
}

std::optional<int64_t> integer(const JsonObject &o, std::string_view key, bool &ok) {
  const JsonValue *v = o.find(key);
  if (v == nullptr || v->kind == Kind::Null) return std::nullopt;
  if (v->kind != Kind::Number) {
    ok = false;
    return std::nullopt;
  }
  char *end = nullptr;
  double d = std::strtod(v->text.c_str(), &end);
  if (end == v->text.c_str() || *end != '\0' || d < 0 || d > 9e15) {
    ok = false;
    return std::nullopt;
  }
  return static_cast<int64_t>(d);
}

std::string checkTimes(int64_t startedAt, const EntryRules &rules) {
  if (startedAt < rules.earliest) return "date before 2000";
  if (rules.latest > 0 && startedAt > rules.latest) return "date in the future";
  return {};
}

std::string checkNames(const encore::Play &p) {
  for (const auto *s : {&p.track, &p.artist, &p.album}) {
    if (s->size() > 2048) return "name over 2048 bytes";
  }
  return {};
}

/// The export's timestamps, all UTC: "2018-07-10T06:58:55Z" (extended history), the same
/// with a space and no zone (some re-exports), and "2018-07-10 06:58" (account data).
std::optional<encore::Timestamp> exportTime(std::string_view text) {
  auto t = encore::parseIso8601(text);
  if (t && t->hasZone && text.back() != 'Z') return std::nullopt;  // no offsets in exports
  return t;
}

encore::Play play(int64_t endMs, int64_t msPlayed, std::string_view track,
                  std::string_view artist) {
  encore::Play p;
  p.source = "spotify-export";
  // Rounded to the nearest second: ts has second precision, ms_played milliseconds.
  p.startedAt = (endMs - msPlayed + 500) / 1000;
  p.msPlayed = msPlayed;
  p.track = track;
  p.artist = artist;
  return p;
}

bool validTrackUri(std::string_view uri) {
  if (uri.size() != 36 || uri.substr(0, 14) != "spotify:track:") return false;
  for (size_t i = 14; i < uri.size(); ++i) {
    char c = uri[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

std::string underReason(const EntryRules &rules) {
  return "under " + std::to_string(rules.minMsPlayed / 1000) + " s";
}

}  // namespace

EntryResult readExtendedEntry(const JsonObject &e, const EntryRules &rules) {
  if (present(e, "spotify_episode_uri") || present(e, "episode_name"))
    return {{}, "podcast episode"};
  if (present(e, "audiobook_uri") || present(e, "audiobook_title") ||
      present(e, "audiobook_chapter_uri")) {
    return {{}, "audiobook"};
  }
  bool ok = true;
  auto ts = text(e, "ts", ok);
  auto ms = integer(e, "ms_played", ok);
  auto track = text(e, "master_metadata_track_name", ok);
  auto artist = text(e, "master_metadata_album_artist_name", ok);
  auto album = text(e, "master_metadata_album_album_name", ok);
  auto uri = text(e, "spotify_track_uri", ok);
  // offline_timestamp (ms in older files, s in newer) is when offline mode began, not when
  // the play happened: it is only checked for its type.
  integer(e, "offline_timestamp", ok);
  if (!ok) return {{}, "wrong field types"};
  if (!ts || !ms) return {{}, "missing ts or ms_played"};
  if (!track || track->empty() || !artist || artist->empty())
    return {{}, "no track name or artist"};
  if (*ms < rules.minMsPlayed) return {{}, underReason(rules)};
  auto end = exportTime(*ts);
  if (!end) return {{}, "unreadable timestamp"};
  encore::Play p = play(encore::unixMs(*end), *ms, *track, *artist);
  p.album = album.value_or("");
  if (uri && validTrackUri(*uri)) p.spotifyUri = *uri;
  if (auto why = checkTimes(p.startedAt, rules); !why.empty()) return {{}, why};
  if (auto why = checkNames(p); !why.empty()) return {{}, why};
  return {p, {}};
}

EntryResult readLegacyEntry(const JsonObject &e, const EntryRules &rules) {
  if (present(e, "podcastName") || present(e, "episodeName")) return {{}, "podcast episode"};
  bool ok = true;
  auto endTime = text(e, "endTime", ok);
  auto ms = integer(e, "msPlayed", ok);
  auto track = text(e, "trackName", ok);
  auto artist = text(e, "artistName", ok);
  if (!ok) return {{}, "wrong field types"};
  if (!endTime || !ms) return {{}, "missing endTime or msPlayed"};
  if (!track || track->empty() || !artist || artist->empty())
    return {{}, "no track name or artist"};
  if (*ms < rules.minMsPlayed) return {{}, underReason(rules)};
  auto end = exportTime(*endTime);
  if (!end) return {{}, "unreadable timestamp"};
  const int64_t endMs = encore::unixMs(*end) + (end->hasSeconds ? 0 : 30'000);
  encore::Play p = play(endMs, *ms, *track, *artist);
  if (auto why = checkTimes(p.startedAt, rules); !why.empty()) return {{}, why};
  if (auto why = checkNames(p); !why.empty()) return {{}, why};
  return {p, {}};
}

}  // namespace spotify_export
