// Smart playlists end to end: plays the real plugin polled from the fake Spotify become
// Encore's smart playlists, pushed back through the real plugin's playlist_push sink.
#include <gtest/gtest.h>

#include <chrono>

#include "spotify_daemon.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;
using test::SpotifyDaemon;

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const fake::FakePlaylist *byName(const FakeLibrary &lib, const std::string &name) {
  for (const auto &p : lib.playlists) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> trackIds(const fake::FakePlaylist &p) {
  std::vector<std::string> ids;
  for (const auto &e : p.entries) ids.push_back(e.trackId);
  return ids;
}

TEST(DaemonSmartPlaylistsTest, PolledPlaysArePushedBackAsSmartPlaylistsAndOnlyThoseAreTouched) {
  FakeSpotify fake(FakeLibrary::generate({}));
  std::vector<std::string> tracks;
  size_t ownPlaylists = 0;
  std::vector<std::vector<std::string>> ownBefore;
  fake.withLibrary([&](FakeLibrary &lib) {
    for (const auto &[id, track] : lib.tracks) {
      if (tracks.size() < 3) tracks.push_back(id);
    }
    // Yesterday at noon UTC: the first track six times in a row (a binge), the second
    // twice, the third once; each play ends four minutes after the previous one. Noon, so
    // that the binge never straddles a midnight and splits into two smaller days.
    constexpr int64_t kDayMs = 86'400'000;
    int64_t at = nowMs() / kDayMs * kDayMs - kDayMs / 2;
    for (int i = 0; i < 6; ++i) lib.addPlay(tracks[0], at += 240'000);
    for (int i = 0; i < 2; ++i) lib.addPlay(tracks[1], at += 240'000);
    lib.addPlay(tracks[2], at += 240'000);
    ownPlaylists = lib.playlists.size();
    for (const auto &p : lib.playlists) ownBefore.push_back(trackIds(p));
    return 0;
  });
  test::TempDir dir;
  SpotifyDaemon daemon(fake, (dir / "data").string());
  ASSERT_EQ(daemon.connect().status, 200);
  ASSERT_TRUE(daemon.waitForOk({"spotify.recently_played"}, 30000));
  ASSERT_EQ(daemon.query("SELECT count(*) FROM plays"), 9);

  auto push = [&] {
    auto before = daemon.lastRuns({"playlists.push"});
    auto r = daemon.process().post("/api/playlists/push");
    EXPECT_EQ(r.status, 202) << r.body;
    return daemon.waitForOk({"playlists.push"}, 30000, before);
  };
  ASSERT_TRUE(push());

  EXPECT_EQ(fake.countRequests("POST", "/v1/me/playlists"), 3u);
  fake.withLibrary([&](FakeLibrary &lib) {
    EXPECT_EQ(lib.playlists.size(), ownPlaylists + 3);
    const auto *most = byName(lib, "Encore: Most Listened");
    const auto *recent = byName(lib, "Encore: Recent Favorites");
    const auto *binged = byName(lib, "Encore: Binged Songs");
    EXPECT_TRUE(most && recent && binged);
    if (most) {
      EXPECT_EQ(trackIds(*most), tracks);  // most played first
    }
    if (recent) {
      EXPECT_EQ(trackIds(*recent), tracks);
    }
    if (binged) {
      EXPECT_EQ(trackIds(*binged), std::vector<std::string>{tracks[0]});
    }
    return 0;
  });

  // The next push replaces the same three playlists' contents: nothing new is created, and
  // the user's own playlists are exactly as they were.
  fake.withLibrary([&](FakeLibrary &lib) {
    lib.addPlay(tracks[2], nowMs() - 60'000);
    lib.addPlay(tracks[2], nowMs() - 30'000);
    return 0;
  });
  ASSERT_TRUE(daemon.runAndWait({"spotify.recently_played"}));
  ASSERT_TRUE(push());
  EXPECT_EQ(fake.countRequests("POST", "/v1/me/playlists"), 3u);
  fake.withLibrary([&](FakeLibrary &lib) {
    EXPECT_EQ(lib.playlists.size(), ownPlaylists + 3);
    const auto *most = byName(lib, "Encore: Most Listened");
    if (most) {
      EXPECT_EQ(trackIds(*most), (std::vector<std::string>{tracks[0], tracks[2], tracks[1]}));
    }
    std::vector<std::vector<std::string>> ownAfter;
    for (const auto &p : lib.playlists) {
      if (p.name.rfind("Encore: ", 0) != 0) ownAfter.push_back(trackIds(p));
    }
    EXPECT_EQ(ownAfter, ownBefore);
    return 0;
  });
}

}  // namespace
}  // namespace encore
