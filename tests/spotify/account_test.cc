// Connecting an account (encore.oauth2/1 in the host) against the fake accounts service:
// the login URL, the callback's checks, refreshing, and what invalid_grant does.
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "daemon/oauth/pkce.h"
#include "daemon/oauth/token_client.h"
#include "encore/plugin_api.h"
#include "fake_spotify.h"
#include "spotify_host.h"
#include "support/daemon_process.h"
#include "support/http_call.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;

std::map<std::string, std::string> queryOf(const std::string &url) {
  std::map<std::string, std::string> out;
  for (const auto &[k, v] : Poco::URI(url).getQueryParameters()) out[k] = v;
  return out;
}

TEST(PkceTest, ChallengeIsTheRfc7636Example) {
  // RFC 7636, appendix B.
  EXPECT_EQ(codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  auto verifier = makeCodeVerifier();
  EXPECT_EQ(verifier.size(), 64u);
  EXPECT_EQ(verifier.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(verifier, makeCodeVerifier());
  EXPECT_EQ(base64Encode("client:secret"), "Y2xpZW50OnNlY3JldA==");
}

TEST(TokenReplyTest, ReadsRealRepliesAndErrors) {
  auto ok = parseTokenReply(
      200, test::readFile(test::sourceDir() + "/tests/fixtures/spotify/AuthorizationCode.json"));
  EXPECT_EQ(ok.kind, TokenReply::Kind::Ok);
  EXPECT_EQ(ok.expiresInSeconds, 3600);
  EXPECT_FALSE(ok.refreshToken.empty());
  auto noRefresh = parseTokenReply(
      200,
      test::readFile(test::sourceDir() + "/tests/fixtures/spotify/AuthorizationCodeRefresh.json"));
  EXPECT_EQ(noRefresh.kind, TokenReply::Kind::Ok);
  EXPECT_TRUE(noRefresh.refreshToken.empty());
  auto revoked = parseTokenReply(
      400, test::readFile(test::sourceDir() +
                          "/tests/fixtures/spotify/AuthorizationCodeRefreshRevoked.json"));
  EXPECT_EQ(revoked.kind, TokenReply::Kind::InvalidGrant);
  EXPECT_NE(revoked.error.find("Refresh token revoked"), std::string::npos);
  auto client = parseTokenReply(
      401, test::readFile(test::sourceDir() + "/tests/fixtures/spotify/auth-invalid-client.json"));
  EXPECT_EQ(client.kind, TokenReply::Kind::Rejected);
  EXPECT_EQ(parseTokenReply(200, "{\"access_token\":\"x\",\"token_type\":\"MAC\"}").kind,
            TokenReply::Kind::Rejected);
  EXPECT_EQ(parseTokenReply(200, "<html>").kind, TokenReply::Kind::Rejected);
  EXPECT_EQ(parseTokenReply(200, "{\"access_token\":\"x\"}").expiresInSeconds, 3600);
}

class AccountTest : public ::testing::Test {
 protected:
  explicit AccountTest(bool rotate = false, int64_t tokenSeconds = 3600)
      : clock_(1'800'000'000'000) {
    FakeSpotify::Options options;
    options.clock = [this] { return clock_.nowMs(); };
    options.rotateRefreshTokens = rotate;
    options.accessTokenSeconds = tokenSeconds;
    fake::LibrarySpec spec;
    spec.followedArtists = 10;
    fake_ = std::make_unique<FakeSpotify>(FakeLibrary::generate(spec), options);
    host_ = std::make_unique<test::SpotifyHost>(
        test::SpotifyHost::Options{(dir_ / "data").string(), fake_->url(), &clock_});
  }
  OAuthAccount account() { return *host_->oauth().account("spotify"); }

  test::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<FakeSpotify> fake_;
  std::unique_ptr<test::SpotifyHost> host_;
};

TEST_F(AccountTest, LoginUrlAsksForWhatTheJobsNeedWithPkceAndAState) {
  auto start = host_->oauth().beginLogin("spotify", "http://127.0.0.1:8770/auth/spotify/callback");
  ASSERT_TRUE(start.ok) << start.error;
  EXPECT_EQ(start.authorizeUrl.rfind(fake_->url() + "/authorize?", 0), 0u);
  auto q = queryOf(start.authorizeUrl);
  EXPECT_EQ(q["client_id"], "encore-test-client");
  EXPECT_EQ(q["response_type"], "code");
  EXPECT_EQ(q["redirect_uri"], "http://127.0.0.1:8770/auth/spotify/callback");
  EXPECT_EQ(q["code_challenge_method"], "S256");
  EXPECT_EQ(q["code_challenge"].size(), 43u);
  EXPECT_GE(q["state"].size(), 32u);
  for (const char *scope : {"user-follow-read", "user-library-read", "playlist-read-private",
                            "user-read-recently-played", "playlist-modify-private"}) {
    EXPECT_NE(q["scope"].find(scope), std::string::npos) << scope;
  }
  EXPECT_NE(queryOf(host_->oauth().beginLogin("spotify", "http://x/cb").authorizeUrl)["state"],
            q["state"]);
}

TEST_F(AccountTest, ConnectsAndTheCallbackCannotBeReplayed) {
  EXPECT_EQ(host_->oauth().state("spotify"), ENCORE_OAUTH2_STATE_NOT_CONNECTED);
  auto start = host_->oauth().beginLogin("spotify", "http://127.0.0.1:9/auth/spotify/callback");
  auto location = test::httpGet(start.authorizeUrl).header("Location");
  auto q = queryOf(location);
  auto result = host_->oauth().completeLogin("spotify", q["state"], q["code"], "");
  ASSERT_EQ(result.outcome, OAuthManager::Outcome::Connected) << result.message;
  EXPECT_EQ(host_->oauth().state("spotify"), ENCORE_OAUTH2_STATE_CONNECTED);
  OAuthAccount stored = account();
  EXPECT_EQ(stored.expiresAtMs, clock_.nowMs() + 3600'000);
  EXPECT_FALSE(stored.refreshToken.empty());
  // The same callback again: the state was used up. Nothing changes, nothing is sent.
  size_t tokenRequests = fake_->countRequests("POST", "/api/token");
  auto replay = host_->oauth().completeLogin("spotify", q["state"], q["code"], "");
  EXPECT_EQ(replay.outcome, OAuthManager::Outcome::BadState);
  EXPECT_EQ(fake_->countRequests("POST", "/api/token"), tokenRequests);
  EXPECT_EQ(account().accessToken, stored.accessToken);
}

TEST_F(AccountTest, ForgedExpiredOrDeniedCallbacksChangeNothing) {
  ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  const OAuthAccount before = account();
  auto forged = host_->oauth().completeLogin("spotify", "made-up-state", "code-1", "");
  EXPECT_EQ(forged.outcome, OAuthManager::Outcome::BadState);

  auto start = host_->oauth().beginLogin("spotify", "http://127.0.0.1:9/auth/spotify/callback");
  auto q = queryOf(test::httpGet(start.authorizeUrl).header("Location"));
  clock_.advance(OAuthManager::kLoginTimeoutMs + 1);
  EXPECT_EQ(host_->oauth().completeLogin("spotify", q["state"], q["code"], "").outcome,
            OAuthManager::Outcome::BadState);

  fake_->denyNextAuthorization();
  auto denied = host_->connect();
  EXPECT_EQ(denied.outcome, OAuthManager::Outcome::Denied);
  EXPECT_NE(denied.message.find("not granted"), std::string::npos);
  EXPECT_EQ(fake_->countRequests("POST", "/api/token"), 1u);  // the first connect only
  EXPECT_EQ(account().accessToken, before.accessToken);
  EXPECT_EQ(account().refreshToken, before.refreshToken);
  EXPECT_EQ(host_->oauth().state("spotify"), ENCORE_OAUTH2_STATE_CONNECTED);
}

TEST_F(AccountTest, RefreshesOnlyWhenUnderFiveMinutesRemainAndKeepsTheRefreshToken) {
  ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  const OAuthAccount first = account();
  clock_.advance(54 * 60'000);  // 6 minutes left
  ASSERT_EQ(host_->run("artists").status, RunStatus::Ok);
  EXPECT_EQ(fake_->refreshCount(), 0);
  clock_.advance(2 * 60'000);  // 4 minutes left
  ASSERT_EQ(host_->run("artists").status, RunStatus::Ok);
  EXPECT_EQ(fake_->refreshCount(), 1);
  const OAuthAccount second = account();
  EXPECT_NE(second.accessToken, first.accessToken);
  EXPECT_EQ(second.refreshToken, first.refreshToken);  // the reply carried none
  EXPECT_EQ(second.expiresAtMs, clock_.nowMs() + 3600'000);
  // The refresh came before the API request that needed it.
  auto log = fake_->log();
  size_t refreshAt = 0, lastApi = 0;
  for (size_t i = 0; i < log.size(); ++i) {
    if (log[i].target == "/api/token") refreshAt = i;
    if (log[i].target.rfind("/v1/", 0) == 0) lastApi = i;
  }
  EXPECT_LT(refreshAt, lastApi);
  EXPECT_EQ(log[refreshAt + 1].status, 200);
}

class RotatingAccountTest : public AccountTest {
 protected:
  RotatingAccountTest() : AccountTest(true) {}
};

TEST_F(RotatingAccountTest, ARotatedRefreshTokenReplacesTheOldOne) {
  ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  const std::string old = account().refreshToken;
  clock_.advance(58 * 60'000);
  ASSERT_EQ(host_->run("artists").status, RunStatus::Ok);
  EXPECT_NE(account().refreshToken, old);
  clock_.advance(58 * 60'000);
  ASSERT_EQ(host_->run("artists").status, RunStatus::Ok);  // the new one works
  EXPECT_EQ(fake_->refreshCount(), 2);
}

class ShortLivedTokenTest : public AccountTest {
 protected:
  ShortLivedTokenTest() : AccountTest(false, 60) {}

  /// `count` API requests at once; how many did not end in a 200.
  int concurrentRequests(int count) {
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
      threads.emplace_back([&] {
        HttpRequest request;
        request.url = fake_->url() + "/v1/me/following?type=artist&limit=50";
        auto outcome = host_->http().send("spotify", request, true, nullptr);
        if (outcome.code != ENCORE_OK || outcome.response->status != 200) ++failed;
      });
    }
    for (auto &t : threads) t.join();
    return failed;
  }
};

TEST_F(ShortLivedTokenTest, RefreshesAtHalfItsLifetimeAndConcurrentRequestsShareOneRefresh) {
  ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  EXPECT_EQ(account().expiresAtMs, clock_.nowMs() + 60'000);
  // A minute of requests, three at a time every two seconds (within the plugin's budget
  // of 60 per 30 s): the token is refreshed once, at 32 s, when less than half its
  // lifetime (30 s) remains; the new one lasts to 92 s.
  for (int second = 0; second < 60; second += 2) {
    ASSERT_EQ(concurrentRequests(3), 0) << "at " << second << " s";
    clock_.advance(2000);
  }
  EXPECT_EQ(fake_->refreshCount(), 1);
  EXPECT_EQ(fake_->countRequests("GET", "/v1/me/following"), 90u);
  // A token the API rejects (401) is replaced once, whichever request saw it first: the
  // others waiting for the refresh use the new token.
  fake_->expireAccessTokens();
  EXPECT_EQ(concurrentRequests(6), 0);
  EXPECT_EQ(fake_->refreshCount(), 2);
}

TEST_F(AccountTest, A401RefreshesOnceAndRetriesOnce) {
  ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  fake_->expireAccessTokens();
  ASSERT_EQ(host_->run("artists").status, RunStatus::Ok);
  EXPECT_EQ(fake_->refreshCount(), 1);
  auto log = fake_->log();
  ASSERT_GE(log.size(), 3u);
  EXPECT_EQ(log[log.size() - 3].status, 401);
  EXPECT_EQ(log[log.size() - 2].target, "/api/token");
  EXPECT_EQ(log[log.size() - 1].status, 200);
}

TEST_F(AccountTest, InvalidGrantNeedsAReconnectAndLosesNothing) {
  ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  ASSERT_EQ(host_->run("artists").status, RunStatus::Ok);
  const int64_t artists = host_->count("SELECT count(*) FROM artists");
  fake_->expireAccessTokens();
  fake_->revokeRefreshTokens();
  auto run = host_->run("artists");
  EXPECT_EQ(run.status, RunStatus::Failed);
  EXPECT_NE(run.error.find("reconnect"), std::string::npos) << run.error;
  EXPECT_EQ(host_->oauth().state("spotify"), ENCORE_OAUTH2_STATE_RECONNECT_NEEDED);
  EXPECT_EQ(account().state, "reconnect_needed");
  EXPECT_NE(account().lastError.find("invalid_grant"), std::string::npos);
  // Held: nothing more is sent, the data stays.
  size_t sent = fake_->log().size();
  EXPECT_EQ(host_->run("liked_songs").status, RunStatus::Failed);
  EXPECT_EQ(fake_->log().size(), sent);
  EXPECT_EQ(host_->count("SELECT count(*) FROM artists"), artists);
  // Signing in again brings it back.
  ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  EXPECT_EQ(host_->oauth().state("spotify"), ENCORE_OAUTH2_STATE_CONNECTED);
  EXPECT_EQ(host_->run("artists").status, RunStatus::Ok);
}

TEST(AccountSetupTest, WithoutAClientSecretPkceAloneSignsIn) {
  test::TempDir dir;
  ManualClock clock(1'800'000'000'000);
  FakeSpotify::Options options;
  options.clock = [&clock] { return clock.nowMs(); };
  FakeSpotify fake(FakeLibrary::generate({}), options);
  test::SpotifyHost host(
      {(dir / "data").string(), fake.url(), &clock, {{"ENCORE_SPOTIFY_CLIENT_SECRET", ""}}});
  ASSERT_EQ(host.connect().outcome, OAuthManager::Outcome::Connected);
  clock.advance(58 * 60'000);
  EXPECT_EQ(host.run("artists").status, RunStatus::Ok);
  EXPECT_EQ(fake.refreshCount(), 1);
}

TEST(AccountSetupTest, LoginWithoutAClientIdExplainsWhatToSet) {
  test::TempDir dir;
  FakeSpotify fake(FakeLibrary::generate({}));
  test::SpotifyHost host(
      {(dir / "data").string(), fake.url(), nullptr, {{"ENCORE_SPOTIFY_CLIENT_ID", ""}}});
  auto start = host.oauth().beginLogin("spotify", "http://127.0.0.1:9/cb");
  EXPECT_FALSE(start.ok);
  EXPECT_NE(start.error.find("spotify.client_id"), std::string::npos) << start.error;
  EXPECT_EQ(host.run("artists").status, RunStatus::Failed);  // not connected: nothing sent
  EXPECT_EQ(fake.log().size(), 0u);
}

}  // namespace
}  // namespace encore
