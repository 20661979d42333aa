// The fake Spotify answers in the shapes of real Spotify answers (the fixtures), pages as
// Spotify pages, and runs the OAuth code flow with PKCE as the accounts service does.
#include <gtest/gtest.h>

#include "fake_http.h"
#include "fake_spotify.h"
#include "spotify_objects.h"
#include "support/daemon_process.h"
#include "support/http_call.h"
#include "support/temp_dir.h"

namespace encore::fake {
namespace {

Json fixture(const std::string &name) {
  return Json::parse(test::readFile(test::sourceDir() + "/tests/fixtures/spotify/" + name));
}

/// Fields of the real answers that the 2026 definition dropped or deprecated for
/// development-mode apps; the fake leaves them out.
bool retired(const std::string &key) {
  for (const char *k : {"birthdate", "country", "email", "product", "explicit_content"}) {
    if (key == k) return true;
  }
  return false;
}

/// Every member of the real object is in the fake's, with the same JSON type (null on
/// either side stands for "nullable"), recursively; arrays by their first element.
void expectSameShape(const Json &real, const Json &fake, const std::string &path) {
  if (real.is_null() || fake.is_null()) return;
  if (real.is_number() && fake.is_number()) return;
  ASSERT_EQ(real.type_name(), std::string(fake.type_name())) << path;
  if (real.is_object()) {
    for (const auto &[key, value] : real.items()) {
      if (retired(key)) continue;
      ASSERT_TRUE(fake.contains(key)) << path << "." << key << " is missing";
      expectSameShape(value, fake[key], path + "." + key);
    }
  } else if (real.is_array() && !real.empty() && !fake.empty()) {
    expectSameShape(real[0], fake[0], path + "[0]");
  }
}

class FakeSpotifyTest : public ::testing::Test {
 protected:
  FakeSpotifyTest() : fake_(FakeLibrary::generate(spec())) {}
  static LibrarySpec spec() {
    LibrarySpec s;
    s.followedArtists = 30;
    s.playlists = 3;
    s.playlistEntries = 240;
    s.likedSongs = 70;
    s.savedAlbums = 5;
    return s;
  }
  Json signIn() { return signIn(fake_); }
  /// The code flow by hand: authorize, then exchange with the PKCE verifier.
  static Json signIn(FakeSpotify &fake) {
    const std::string verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
    auto authorize = test::httpGet(fake.url() +
                                   "/authorize?client_id=encore-test-client&response_type=code"
                                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&state=xyz"
                                   "&code_challenge_method=S256&code_challenge=" +
                                   s256(verifier));
    EXPECT_EQ(authorize.status, 302);
    auto query = parseQuery(authorize.header("Location"));
    EXPECT_EQ(query["state"], "xyz");
    auto reply = test::httpCall(
        "POST", fake.url() + "/api/token",
        "grant_type=authorization_code&code=" + query["code"] +
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&client_id=encore-test-client"
            "&code_verifier=" +
            verifier,
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }
  test::HttpResult get(const std::string &path, const std::string &token) {
    return test::httpCall("GET", fake_.url() + path, "", {{"Authorization", "Bearer " + token}});
  }

  FakeSpotify fake_;
};

TEST_F(FakeSpotifyTest, TokenRepliesHaveTheRealShape) {
  auto tokens = signIn();
  expectSameShape(fixture("AuthorizationCode.json"), tokens, "token");
  auto refresh = test::httpCall(
      "POST", fake_.url() + "/api/token",
      "grant_type=refresh_token&refresh_token=" + tokens["refresh_token"].get<std::string>(),
      {{"Authorization", "Basic ZW5jb3JlLXRlc3QtY2xpZW50OmVuY29yZS10ZXN0LXNlY3JldA=="}});
  ASSERT_EQ(refresh.status, 200);
  expectSameShape(fixture("AuthorizationCodeRefresh.json"), refresh.json(), "refresh");
  EXPECT_FALSE(refresh.json().contains("refresh_token"));
  fake_.revokeRefreshTokens();
  auto revoked = test::httpCall(
      "POST", fake_.url() + "/api/token",
      "grant_type=refresh_token&refresh_token=" + tokens["refresh_token"].get<std::string>(),
      {{"Authorization", "Basic ZW5jb3JlLXRlc3QtY2xpZW50OmVuY29yZS10ZXN0LXNlY3JldA=="}});
  EXPECT_EQ(revoked.status, 400);
  EXPECT_EQ(revoked.json(), fixture("AuthorizationCodeRefreshRevoked.json"));
  auto wrongClient =
      test::httpCall("POST", fake_.url() + "/api/token", "grant_type=refresh_token&refresh_token=x",
                     {{"Authorization", "Basic d3Jvbmc6c2VjcmV0"}});
  EXPECT_EQ(wrongClient.status, 401);
  EXPECT_EQ(wrongClient.json(), fixture("auth-invalid-client.json"));
}

TEST_F(FakeSpotifyTest, PkceVerifierMustMatchTheChallenge) {
  auto authorize =
      test::httpGet(fake_.url() +
                    "/authorize?client_id=encore-test-client&response_type=code"
                    "&redirect_uri=http%3A%2F%2Fx%2Fcb&state=s&code_challenge_method=S256"
                    "&code_challenge=" +
                    s256("the-right-verifier"));
  auto code = parseQuery(authorize.header("Location"))["code"];
  auto reply = test::httpCall(
      "POST", fake_.url() + "/api/token",
      "grant_type=authorization_code&code=" + code +
          "&redirect_uri=http%3A%2F%2Fx%2Fcb&client_id=encore-test-client&code_verifier=wrong",
      {});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.json()["error"], "invalid_grant");
}

TEST_F(FakeSpotifyTest, ApiAnswersHaveTheRealShapes) {
  const std::string token = signIn()["access_token"];
  auto following = get("/v1/me/following?type=artist&limit=20", token).json();
  expectSameShape(fixture("GetUsersFollowedArtistsRequest.json"), following, "following");
  auto playlists = get("/v1/me/playlists?limit=2", token).json();
  expectSameShape(fixture("GetListOfCurrentUsersPlaylistsRequest.json"), playlists, "playlists");
  auto liked = get("/v1/me/tracks?limit=3", token).json();
  expectSameShape(fixture("GetUsersSavedTracksRequest.json"), liked, "liked");
  auto albums = get("/v1/me/albums?limit=3", token).json();
  expectSameShape(fixture("GetCurrentUsersSavedAlbumsRequest.json"), albums, "albums");
  auto discography =
      get("/v1/artists/" + FakeLibrary::makeId('A', 1) + "/albums?limit=2", token).json();
  expectSameShape(fixture("GetArtistsAlbumsRequest.json"), discography, "discography");
  auto me = get("/v1/me", token).json();
  expectSameShape(fixture("GetCurrentUsersProfileRequest.json"), me, "me");

  auto items =
      get("/v1/playlists/" + FakeLibrary::makeId('P', 1) + "/items?limit=50", token).json();
  Json legacyTrack, modernTrack, episode;
  for (const auto &entry : items["items"]) {
    if (entry.contains("track") && entry["track"].is_object() &&
        entry["track"]["type"] == "track" && !entry["is_local"].get<bool>()) {
      legacyTrack = entry;
    }
    if (entry.contains("item") && entry["item"].is_object() && entry["item"]["type"] == "track" &&
        !entry["is_local"].get<bool>()) {
      modernTrack = entry;
    }
  }
  ASSERT_FALSE(legacyTrack.is_null());
  ASSERT_FALSE(modernTrack.is_null());
  expectSameShape(fixture("GetPlaylistsItemsRequest.json")["items"][0], legacyTrack, "entry");
  expectSameShape(fixture("GetPlaylistsItemsRequest_2026.json")["items"][0], modernTrack,
                  "entry2026");
  FakeEntry episodeEntry;
  episodeEntry.kind = FakeEntry::Kind::Episode;
  episodeEntry.name = "Episode";
  episodeEntry.uri = "spotify:episode:" + FakeLibrary::makeId('E', 1);
  episodeEntry.legacyField = true;
  fake_.withLibrary([&](FakeLibrary &lib) {
    expectSameShape(fixture("GetPlaylistsItemsRequest_Episode.json")["items"][0],
                    playlistEntry(fake_.url(), lib, episodeEntry), "episode");
    return 0;
  });

  fake_.withLibrary([](FakeLibrary &lib) {
    lib.addPlay(FakeLibrary::makeId('T', 1), 1700000000000);
    lib.addPlay(FakeLibrary::makeId('T', 2), 1700000300000);
    return 0;
  });
  auto recent = get("/v1/me/player/recently-played?limit=1", token).json();
  expectSameShape(fixture("GetCurrentUsersRecentlyPlayedTracksRequest.json"), recent, "recent");
  EXPECT_EQ(recent["items"][0]["played_at"], "2023-11-14T22:18:20.000Z");
  EXPECT_EQ(recent["cursors"]["before"], "1700000300000");
  EXPECT_EQ(recent["next"],
            fake_.url() + "/v1/me/player/recently-played?limit=1&before=1700000300000");
}

TEST_F(FakeSpotifyTest, PagesLikeSpotifyAndEnforcesTheLimits) {
  const std::string token = signIn()["access_token"];
  auto first = get("/v1/me/following?type=artist&limit=25", token).json()["artists"];
  EXPECT_EQ(first["items"].size(), 25u);
  EXPECT_EQ(first["total"], 30);
  auto after = first["cursors"]["after"].get<std::string>();
  auto second =
      get("/v1/me/following?type=artist&limit=25&after=" + after, token).json()["artists"];
  EXPECT_EQ(second["items"].size(), 5u);
  EXPECT_TRUE(second["next"].is_null());
  EXPECT_TRUE(second["cursors"]["after"].is_null());
  auto lastPage = get("/v1/me/tracks?limit=50&offset=50", token).json();
  EXPECT_EQ(lastPage["items"].size(), 20u);
  EXPECT_TRUE(lastPage["next"].is_null());
  EXPECT_EQ(lastPage["previous"], fake_.url() + "/v1/me/tracks?offset=0&limit=50");
  // The February 2026 limits and paths.
  EXPECT_EQ(get("/v1/artists/" + FakeLibrary::makeId('A', 1) + "/albums?limit=11", token).status,
            400);
  EXPECT_EQ(get("/v1/me/tracks?limit=51", token).status, 400);
  EXPECT_EQ(get("/v1/playlists/" + FakeLibrary::makeId('P', 1) + "/tracks", token).status, 403);
  EXPECT_EQ(get("/v1/me/tracks", "not-a-token").status, 401);
}

TEST_F(FakeSpotifyTest, FieldsTrimPlaylistEntriesAsSpotifyDoes) {
  const std::string token = signIn()["access_token"];
  auto trimmed =
      get("/v1/playlists/" + FakeLibrary::makeId('P', 1) +
              "/items?limit=5&fields=items(added_at,item(name,album(id),external_ids.isrc)),total",
          token)
          .json();
  EXPECT_EQ(trimmed.size(), 2u);  // items and total
  EXPECT_EQ(trimmed["total"], 80);
  for (const auto &entry : trimmed["items"]) {
    EXPECT_TRUE(entry.contains("added_at"));
    EXPECT_FALSE(entry.contains("added_by"));
    if (entry.contains("item") && entry["item"].is_object()) {
      EXPECT_EQ(entry["item"].size(), 3u) << entry.dump();
      EXPECT_EQ(entry["item"]["album"].size(), 1u);
      EXPECT_EQ(entry["item"]["external_ids"].size(), 1u);
    }
  }
  EXPECT_EQ(
      get("/v1/playlists/" + FakeLibrary::makeId('P', 1) + "/items?fields=items(", token).status,
      400);
}

TEST_F(FakeSpotifyTest, FaultsAreInjectedAndRetryWindowsRecorded) {
  const std::string token = signIn()["access_token"];
  fake_.addFault({Fault::Kind::RateLimit, "/v1/me/tracks", 1, 0, 7});
  fake_.addFault({Fault::Kind::TruncatedJson, "/v1/me/albums", 1});
  auto limited = get("/v1/me/tracks", token);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("Retry-After"), "7");
  EXPECT_EQ(limited.json()["error"]["status"], 429);
  EXPECT_EQ(get("/v1/me/tracks", token).status, 200);  // the fault hit once
  auto truncated = get("/v1/me/albums", token);
  EXPECT_EQ(truncated.status, 200);
  EXPECT_TRUE(Json::parse(truncated.body, nullptr, false).is_discarded());
  ASSERT_EQ(fake_.retryWindows().size(), 1u);
  EXPECT_EQ(fake_.retryWindows()[0].untilMs - fake_.retryWindows()[0].fromMs, 7000);
  // The second /v1/me/tracks came inside the 7 s window: the fake notices.
  EXPECT_EQ(fake_.requestsInsideRetryWindows().size(), 2u);
}

TEST_F(FakeSpotifyTest, ReplayedAnswersAreTheRenderedOnesUntilTheLibraryChanges) {
  FakeSpotify::Options options;
  options.replayAnswers = true;
  FakeSpotify replaying(FakeLibrary::generate(spec()), options);
  const std::string token = signIn(replaying)["access_token"];
  auto call = [&](const std::string &bearer) {
    return test::httpCall("GET", replaying.url() + "/v1/me/following?type=artist&limit=5", "",
                          {{"Authorization", "Bearer " + bearer}});
  };
  auto first = call(token);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(call(token).body, first.body);
  EXPECT_EQ(call("not-a-token").status, 401);  // a kept answer still needs a valid token
  const std::string firstId = first.json()["artists"]["items"][0]["id"];
  replaying.withLibrary([&](FakeLibrary &lib) { lib.artists.at(firstId).name = "Renamed"; });
  EXPECT_EQ(call(token).json()["artists"]["items"][0]["name"], "Renamed");
}

}  // namespace
}  // namespace encore::fake
