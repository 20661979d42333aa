#include "daemon/history/play_input.h"

namespace encore {

bool validPlaySource(std::string_view s) {
  if (s.empty() || s.size() > kMaxSourceLength) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

bool validTrackUri(std::string_view uri) {
  static constexpr std::string_view kPrefix = "spotify:track:";
  if (uri.size() != kPrefix.size() + 22 || uri.substr(0, kPrefix.size()) != kPrefix) return false;
  for (size_t i = kPrefix.size(); i < uri.size(); ++i) {
    char c = uri[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

namespace {

PlayedTrack readTrack(const RecordReader &track) {
  PlayedTrack t;
  t.name = track.requiredString("name");
  t.artist = track.requiredString("artist");
  t.album = track.optString("album", kMaxNameLength).value_or("");
  t.uri = track.optString("spotify_uri", kMaxUriLength);
  if (t.uri && !validTrackUri(*t.uri)) {
    track.fail("spotify_uri", "expected spotify:track:<22 base-62 characters>");
  }
  t.durationMs = track.optInt("duration_ms", 0, kMaxMsPlayed);
  return t;
}

}  // namespace

PlayInput readPlay(const RecordReader &r, const std::string &defaultSource, int64_t nowMs) {
  PlayInput play;
  play.startedAt = r.requiredInt("started_at", kEarliestPlay, latestPlayStart(nowMs));
  play.msPlayed = r.requiredInt("ms_played", 0, kMaxMsPlayed);
  play.source = r.optString("source", kMaxSourceLength).value_or(defaultSource);
  if (!validPlaySource(play.source)) r.fail("source", "expected [a-z0-9][a-z0-9_-]{0,63}");
  play.track = readTrack(r.requiredObject("track"));
  return play;
}

}  // namespace encore
