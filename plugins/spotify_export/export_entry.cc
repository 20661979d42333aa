#include "export_entry.h"

#include <cstdlib>

#include "timestamps.h"

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

bool validUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

std::string checkTimes(int64_t startedAt, const EntryRules &rules) {
  if (startedAt < rules.earliest) return "date before 2000";
  if (rules.latest > 0 && startedAt > rules.latest) return "date in the future";
  return {};
}

std::string checkText(const ExportPlay &p) {
  for (const auto *s : {&p.track, &p.artist, &p.album}) {
    if (!validUtf8(*s)) return "text is not valid UTF-8";
    if (s->size() > 2048) return "name over 2048 bytes";
  }
  return {};
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
  auto end = parseUtc(*ts);
  if (!end) return {{}, "unreadable timestamp"};
  ExportPlay p;
  // Rounded to the nearest second: ts has second precision, ms_played milliseconds.
  p.startedAt = (*end * 1000 - *ms + 500) / 1000;
  p.msPlayed = *ms;
  p.track = *track;
  p.artist = *artist;
  p.album = album.value_or("");
  if (uri && validTrackUri(*uri)) p.uri = *uri;
  if (auto why = checkTimes(p.startedAt, rules); !why.empty()) return {{}, why};
  if (auto why = checkText(p); !why.empty()) return {{}, why};
  return {std::move(p), {}};
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
  bool minutes = false;
  auto end = parseUtc(*endTime, &minutes);
  if (!end) return {{}, "unreadable timestamp"};
  ExportPlay p;
  const int64_t endMs = *end * 1000 + (minutes ? 30'000 : 0);
  p.startedAt = (endMs - *ms + 500) / 1000;
  p.msPlayed = *ms;
  p.track = *track;
  p.artist = *artist;
  if (auto why = checkTimes(p.startedAt, rules); !why.empty()) return {{}, why};
  if (auto why = checkText(p); !why.empty()) return {{}, why};
  return {std::move(p), {}};
}

}  // namespace spotify_export
