// The outgoing HTTP stack against real loopback servers.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "daemon/http/http_client.h"
#include "daemon/http/http_service.h"
#include "encore/plugin_api.h"
#include "support/fake_server.h"
#include "support/temp_dir.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>

namespace encore {
namespace {

using test::FakeServer;
using test::RecordedRequest;

ProxyConfig noProxy() {
  return ProxyConfig([](const std::string &) { return std::optional<std::string>(); });
}

TEST(HttpClientTest, SendsRequestAndReadsResponse) {
  FakeServer server([](const RecordedRequest &req, Poco::Net::HTTPServerResponse &res) {
    res.set("X-Echo-Method", req.method);
    FakeServer::reply(res, 201, "application/json", "{\"got\":\"" + req.body + "\"}");
  });
  HttpClient client({}, noProxy());
  HttpRequest request{"POST", server.url() + "/v1/things?x=1", {{"X-Test", "yes"}}, "abc", 0};
  auto response = client.send(request, nullptr);
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, "{\"got\":\"abc\"}");
  EXPECT_EQ(response.header("x-echo-method"), "POST");
  auto seen = server.requests().at(0);
  EXPECT_EQ(seen.uri, "/v1/things?x=1");
  EXPECT_EQ(seen.header("X-Test"), "yes");
  EXPECT_NE(seen.header("User-Agent").find("Encore"), std::string::npos);
}

TEST(HttpClientTest, ReusesConnections) {
  FakeServer server([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, 200, "text/plain", "ok");
  });
  HttpClient client({}, noProxy());
  for (int i = 0; i < 5; ++i) client.send({"GET", server.url() + "/", {}, "", 0}, nullptr);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 5u);
  for (const auto &r : requests) EXPECT_EQ(r.client, requests.front().client);
}

TEST(HttpClientTest, CapsResponseSize) {
  std::string big(2 * 1024 * 1024, 'x');
  FakeServer server([&](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, 200, "text/plain", big);
  });
  HttpClient::Options options;
  options.maxResponseBytes = 1024 * 1024;
  HttpClient client(options, noProxy());
  try {
    client.send({"GET", server.url() + "/", {}, "", 0}, nullptr);
    FAIL() << "an oversized response must not be returned";
  } catch (const HttpError &e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::TooLarge);
  }
}

TEST(HttpClientTest, TimesOutOnASlowServer) {
  FakeServer server([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    FakeServer::reply(res, 200, "text/plain", "late");
  });
  HttpClient client({}, noProxy());
  try {
    client.send({"GET", server.url() + "/", {}, "", 300}, nullptr);
    FAIL() << "expected a timeout";
  } catch (const HttpError &e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::Timeout);
  }
}

TEST(HttpClientTest, CancellationAbortsABlockedRequestAtOnce) {
  FakeServer server([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(3000));
    FakeServer::reply(res, 200, "text/plain", "late");
  });
  HttpClient client({}, noProxy());
  CancelToken token;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    token.cancel();
  });
  auto started = std::chrono::steady_clock::now();
  try {
    client.send({"GET", server.url() + "/", {}, "", 10'000}, &token);
    ADD_FAILURE() << "expected cancellation";
  } catch (const HttpError &e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::Cancelled);
  }
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));
}

TEST(HttpClientTest, GoesThroughTheProxyFromTheEnvironment) {
  // The fake plays the proxy: a request through it carries the absolute target URL.
  FakeServer proxy([](const RecordedRequest &req, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, 200, "text/plain", "via proxy: " + req.uri);
  });
  std::map<std::string, std::string> env = {{"http_proxy", proxy.url()}};
  HttpClient client({}, ProxyConfig([&](const std::string &k) -> std::optional<std::string> {
                      auto it = env.find(k);
                      return it == env.end() ? std::nullopt
                                             : std::optional<std::string>(it->second);
                    }));
  auto response = client.send({"GET", "http://music.example.invalid/v1/x?y=1", {}, "", 0}, nullptr);
  EXPECT_EQ(response.body, "via proxy: http://music.example.invalid:80/v1/x?y=1");
  EXPECT_EQ(proxy.requests().at(0).header("Host"), "music.example.invalid");
}

TEST(HttpClientTest, RefusesAServerWhoseCertificateCannotBeVerified) {
  // A plain HTTP server spoken to over https:// fails the TLS handshake: the client must
  // refuse rather than fall back.
  FakeServer server([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, 200, "text/plain", "plain");
  });
  HttpClient client({}, noProxy());
  std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
  try {
    client.send({"GET", url, {}, "", 5000}, nullptr);
    FAIL() << "expected a TLS failure";
  } catch (const HttpError &e) {
    // The handshake fails (or, on a loaded machine, runs out of time): never an answer.
    EXPECT_NE(e.kind(), HttpError::Kind::Cancelled) << e.what();
    EXPECT_NE(e.kind(), HttpError::Kind::TooLarge) << e.what();
  }
}

TEST(HttpClientTest, RefusesASelfSignedCertificate) {
  // A real TLS server whose certificate no system CA vouches for: the client must refuse
  // it, not talk to it.
  if (std::system("command -v openssl >/dev/null 2>&1") != 0) GTEST_SKIP() << "openssl missing";
  test::TempDir dir;
  const std::string key = (dir / "key.pem").string(), cert = (dir / "cert.pem").string();
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1"
                         " -keyout '" +
                         key + "' -out '" + cert + "' >/dev/null 2>&1")
                            .c_str()),
            0);
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_SERVER_USE, key, cert, "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 16, context);
  struct Answer : Poco::Net::HTTPRequestHandler {
    void handleRequest(Poco::Net::HTTPServerRequest &,
                       Poco::Net::HTTPServerResponse &res) override {
      res.send() << "should never be read";
    }
  };
  struct Factory : Poco::Net::HTTPRequestHandlerFactory {
    Poco::Net::HTTPRequestHandler *createRequestHandler(
        const Poco::Net::HTTPServerRequest &) override {
      return new Answer;
    }
  };
  Poco::Net::HTTPServer server(new Factory, socket, new Poco::Net::HTTPServerParams);
  server.start();
  HttpClient client({}, noProxy());
  std::string url = "https://127.0.0.1:" + std::to_string(socket.address().port()) + "/";
  try {
    auto response = client.send({"GET", url, {}, "", 5000}, nullptr);
    ADD_FAILURE() << "a self-signed certificate was accepted: " << response.body;
  } catch (const HttpError &e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::Tls) << e.what();
  }
  server.stopAll(true);
}

class HttpServiceTest : public ::testing::Test {
 protected:
  ManualClock clock{1'800'000'000'000};
  HostPolicies policies{clock, nullptr};
  HttpClient client{{}, noProxy()};
  HttpService service{client, policies, clock};
};

TEST_F(HttpServiceTest, A429PausesTheHostForItsRetryAfterAndNothingIsSentMeanwhile) {
  FakeServer server([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    res.set("Retry-After", "3600");
    FakeServer::reply(res, 429, "application/json",
                      R"({"error":{"status":429,"message":"API rate limit exceeded"}})");
  });
  auto first = service.send("spotify", {"GET", server.url() + "/v1/me", {}, "", 0}, false, nullptr);
  ASSERT_EQ(first.code, ENCORE_OK);
  EXPECT_EQ(first.response->status, 429);
  auto second =
      service.send("spotify", {"GET", server.url() + "/v1/me", {}, "", 0}, false, nullptr);
  EXPECT_EQ(second.code, ENCORE_E_RATE_LIMITED);
  EXPECT_EQ(server.requestCount(), 1u);
  EXPECT_EQ(policies.blockedUntil("spotify"), clock.nowMs() + 3'600'000);
  clock.advance(3'600'000);
  server.setHandler([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, 200, "application/json", "{}");
  });
  auto later = service.send("spotify", {"GET", server.url() + "/v1/me", {}, "", 0}, false, nullptr);
  EXPECT_EQ(later.code, ENCORE_OK);
  EXPECT_EQ(server.requestCount(), 2u);
}

TEST_F(HttpServiceTest, ServerErrorsOpenTheBreakerAndClientErrorsDoNot) {
  int status = 404;
  FakeServer server([&](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, status, "application/json", "{}");
  });
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(service.send("p", {"GET", server.url() + "/", {}, "", 0}, false, nullptr).code,
              ENCORE_OK);
  }
  status = 503;
  for (int i = 0; i < 3; ++i)
    service.send("p", {"GET", server.url() + "/", {}, "", 0}, false, nullptr);
  EXPECT_EQ(service.send("p", {"GET", server.url() + "/", {}, "", 0}, false, nullptr).code,
            ENCORE_E_CIRCUIT_OPEN);
  EXPECT_EQ(server.requestCount(), 8u);
}

TEST_F(HttpServiceTest, ConnectionRefusedCountsAsFailure) {
  uint16_t port;
  {
    FakeServer gone([](const RecordedRequest &, Poco::Net::HTTPServerResponse &) {});
    port = gone.port();
  }
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(service.send("p", {"GET", url, {}, "", 0}, false, nullptr).code, ENCORE_E_NETWORK);
  }
  EXPECT_EQ(service.send("p", {"GET", url, {}, "", 0}, false, nullptr).code, ENCORE_E_CIRCUIT_OPEN);
}

TEST_F(HttpServiceTest, OAuthWithoutAnAccountSendsNothing) {
  FakeServer server([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, 200, "application/json", "{}");
  });
  auto outcome =
      service.send("spotify", {"GET", server.url() + "/v1/me", {}, "", 0}, true, nullptr);
  EXPECT_EQ(outcome.code, ENCORE_E_NOT_CONNECTED);
  EXPECT_EQ(server.requestCount(), 0u);
}

TEST(RedactUrlTest, DropsQueryStrings) {
  EXPECT_EQ(redactUrl("https://ws.audioscrobbler.com/2.0/?api_key=SECRET&method=x"),
            "https://ws.audioscrobbler.com/2.0/?…");
  EXPECT_EQ(redactUrl("https://api.spotify.com/v1/me"), "https://api.spotify.com/v1/me");
}

}  // namespace
}  // namespace encore
