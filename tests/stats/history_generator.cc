#include "stats/history_generator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <vector>

#include "daemon/store/store.h"

namespace encore::test {
namespace {

/// A valid 22-character base-62 Spotify id for a number.
std::string spotifyId(char kind, int64_t n) {
  static const char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string id(22, '0');  // '0' pads: leading zeros keep ids unique
  id[0] = kind;
  for (int i = 21; i > 0 && n > 0; --i, n /= 62) id[static_cast<size_t>(i)] = kAlphabet[n % 62];
  return id;
}

/// Cumulative weights of a Zipf-like distribution over n ranks.
std::vector<double> zipf(int64_t n, double exponent) {
  std::vector<double> cdf(static_cast<size_t>(n));
  double sum = 0;
  for (int64_t i = 0; i < n; ++i)
    cdf[static_cast<size_t>(i)] = sum += 1.0 / std::pow(i + 1.0, exponent);
  for (auto &c : cdf) c /= sum;
  return cdf;
}

int64_t pick(const std::vector<double> &cdf, double u) {
  return std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin();
}

std::string worldName(const std::vector<std::string> &names, int64_t i) {
  const auto n = static_cast<int64_t>(names.size());
  return names[static_cast<size_t>(i % n)] + (i >= n ? " " + std::to_string(i / n + 1) : "");
}

}  // namespace

const std::vector<std::string> kWorldArtistNames = {
    "坂本龍一",    "아이유",         "Земфира",    "Ólafur Arnalds", "👩🏽‍🎤 Ms. Mic",
    "🇯🇵 City Pop", "宇多田ヒカル",   "방탄소년단", "Кино",           "Sigur Rós",
    "Björk",       "Þursaflokkurinn"};
const std::vector<std::string> kWorldTrackNames = {
    "戦場のメリークリスマス", "좋은 날",        "Хочешь?",    "Ágætis byrjun",
    "Dancing Queen 💃",        "Jóga",           "First Love", "봄날",
    "Группа крови",           "Svefn-g-englar", "🎸🔥 Riff",    "Ísjaki"};

HistoryResult generateHistory(const std::string &dataDir, const HistorySpec &spec) {
  Store store(dataDir, builtinMigrations());
  std::mt19937_64 rng(spec.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int64_t end = spec.endSeconds > 0 ? spec.endSeconds
                                          : std::chrono::duration_cast<std::chrono::seconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count();
  const int64_t start = end - spec.years * 365 * 86400;
  const int64_t now = end * 1000;
  HistoryResult result;

  store.write([&](Database &db) {
    auto base = [&](const char *sql) {
      auto q = db.prepare(sql);
      q->step();
      return q->int64(0);
    };
    const int64_t artist0 = base("SELECT coalesce(max(id), 0) FROM music_artists");
    const int64_t album0 = base("SELECT coalesce(max(id), 0) FROM music_albums");
    const int64_t track0 = base("SELECT coalesce(max(id), 0) FROM music_tracks");
    for (int64_t a = 1; a <= spec.artists; ++a) {
      const int64_t id = artist0 + a;
      const bool onSpotify = unit(rng) < spec.spotifyShare;
      const std::string name =
          spec.worldNames ? worldName(kWorldArtistNames, a - 1) : "Artist " + std::to_string(id);
      std::optional<std::string> sid;
      if (onSpotify) sid = spotifyId('r', id);
      db.prepare("INSERT INTO music_artists(id, name, norm_name, spotify_id) VALUES (?,?,?,?)")
          ->bind(id, name, "artist " + std::to_string(id), sid)
          .run();
      if (sid) {
        db.prepare(
              "INSERT INTO artists(source, external_id, name, popularity, followers, created_at, "
              "updated_at)"
              " VALUES ('spotify', ?, ?, ?, ?, ?, ?)")
            ->bind(*sid, name, static_cast<int64_t>(unit(rng) * 100),
                   static_cast<int64_t>(std::pow(10, 2 + unit(rng) * 6)), now, now)
            .run();
      }
      for (int k = 0; k < 2; ++k) {
        const int64_t album = album0 + (a - 1) * 2 + k + 1;
        db.prepare(
              "INSERT INTO music_albums(id, name, artist_id, norm_key, spotify_id) VALUES "
              "(?,?,?,?,?)")
            ->bind(album, "Album " + std::to_string(album), id,
                   "album-key-" + std::to_string(album),
                   sid ? std::optional<std::string>(spotifyId('l', album)) : std::nullopt)
            .run();
      }
    }
    for (int64_t t = 1; t <= spec.tracks; ++t) {
      const int64_t id = track0 + t;
      const int64_t a = (t - 1) % spec.artists;
      const int64_t artist = artist0 + a + 1;
      const int64_t album = album0 + a * 2 + (t / spec.artists) % 2 + 1;
      const bool onSpotify = unit(rng) < spec.spotifyShare;
      std::optional<std::string> uri;
      if (onSpotify) uri = "spotify:track:" + spotifyId('t', id);
      const std::string name =
          spec.worldNames ? worldName(kWorldTrackNames, t - 1) : "Track " + std::to_string(id);
      db.prepare(
            "INSERT INTO music_tracks(id, name, artist_id, album_id, norm_key, spotify_uri, "
            "duration_ms)"
            " VALUES (?,?,?,?,?,?,?)")
          ->bind(id, name, artist, album, "track-key-" + std::to_string(id), uri, int64_t{200000})
          .run();
      if (uri) {
        db.prepare(
              "INSERT INTO tracks(source, external_id, name, popularity, uri, created_at, "
              "updated_at)"
              " VALUES ('spotify', ?, ?, ?, ?, ?, ?)")
            ->bind(uri->substr(14), name, static_cast<int64_t>(std::pow(unit(rng), 1.5) * 100),
                   *uri, now, now)
            .run();
      }
    }
    // Taste: a long tail over tracks; rhythm: evenings and weekends busier.
    auto taste = zipf(spec.tracks, 0.9);
    const double hourWeights[24] = {3, 2, 1, 0.5, 0.3, 0.3, 1, 3, 5, 5, 4, 4,
                                    5, 5, 4, 4,   5,   6,   7, 8, 8, 7, 6, 4};
    std::vector<double> hourCdf(24);
    double hourSum = 0;
    for (int h = 0; h < 24; ++h) hourCdf[static_cast<size_t>(h)] = hourSum += hourWeights[h];
    for (auto &c : hourCdf) c /= hourSum;
    std::vector<int64_t> times(static_cast<size_t>(spec.plays));
    const int64_t days = std::max<int64_t>(1, (end - start) / 86400);
    for (auto &t : times) {
      const int64_t day = static_cast<int64_t>(unit(rng) * static_cast<double>(days));
      const int64_t hour = pick(hourCdf, unit(rng));
      t = std::min(end - 1,
                   start + day * 86400 + hour * 3600 + static_cast<int64_t>(unit(rng) * 3600));
    }
    std::sort(times.begin(), times.end());
    auto insert = db.prepare(
        "INSERT INTO plays(started_at, ms_played, track_id, artist_id, album_id, source) VALUES "
        "(?,?,?,?,?,?)");
    for (int64_t t : times) {
      const int64_t track = pick(taste, unit(rng));
      const int64_t a = track % spec.artists;
      const int64_t album = album0 + a * 2 + ((track + 1) / spec.artists) % 2 + 1;
      insert->bind(t, static_cast<int64_t>(30000 + unit(rng) * 240000), track0 + track + 1,
                   artist0 + a + 1, album, "lastfm");
      insert->run();
      insert->reset();
    }
    db.exec(
        "UPDATE music_tracks SET first_played_at = (SELECT min(started_at) FROM plays WHERE "
        "track_id = music_tracks.id);"
        "UPDATE music_artists SET first_played_at = (SELECT min(started_at) FROM plays p JOIN "
        "music_tracks t"
        " ON t.id = p.track_id WHERE t.artist_id = music_artists.id);");
    result.plays = spec.plays;
    if (!times.empty()) {
      result.firstPlay = times.front();
      result.lastPlay = times.back();
    }
  });
  store.close();
  return result;
}

}  // namespace encore::test
