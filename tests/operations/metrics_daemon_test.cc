// GET /metrics of the real daemon: job runs, upstream requests, pauses and breakers, HTTP
// requests by route pattern, stats latency and the process, checked by promtool.
#include <gtest/gtest.h>

#include <chrono>

#include "operations/metrics_scrape.h"
#include "support/daemon_process.h"
#include "support/fake_server.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::map<std::string, double> scrape(const DaemonProcess &daemon, std::string *text = nullptr) {
  auto r = daemon.get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  if (text != nullptr) *text = r.body;
  return parseMetrics(r.body);
}

void expectPromtoolAccepts(const std::string &text) {
  std::string output;
  EXPECT_EQ(promtoolCheck(text, &output), 0) << output << "\n" << text;
}

TEST(MetricsDaemon, JobsRoutesStatsAndTheProcessInTheTextFormat) {
  TempDir dir;
  const std::string data = (dir / "data").string();
  const double started = nowSeconds();
  {
    DaemonProcess daemon({.dataDir = data, .pluginDir = pluginDirWith(dir, {"testkit.so"})});
    // testkit's job runs once at start (an hour's cooldown) and stores one artist.
    ASSERT_TRUE(DaemonProcess::waitFor(
        [&] {
          return scrape(daemon).count(R"(encore_job_runs_total{job="testkit.work",status="ok"})") ==
                 1;
        },
        5000));
    EXPECT_EQ(daemon.get("/api/stats/totals?range=all").status, 200);
    EXPECT_EQ(daemon.get("/api/stats/top-artists").status, 200);
    EXPECT_EQ(daemon.get("/api/stats/nope").status, 404);
    EXPECT_EQ(daemon.get("/no/such/page/4711").status, 404);

    std::string text;
    auto m = scrape(daemon, &text);
    expectPromtoolAccepts(text);
    EXPECT_EQ(m[R"(encore_job_runs_total{job="testkit.work",status="ok"})"], 1);
    const double success = m[R"(encore_job_last_success_timestamp_seconds{job="testkit.work"})"];
    EXPECT_GE(success, started - 1);
    EXPECT_LE(success, nowSeconds() + 1);
    // Requests are counted under their route's pattern, never their path.
    EXPECT_EQ(
        m[R"(encore_http_requests_total{method="GET",route="/api/stats/{name}",status="200"})"], 2);
    EXPECT_EQ(
        m[R"(encore_http_requests_total{method="GET",route="/api/stats/{name}",status="404"})"], 1);
    EXPECT_EQ(m[R"(encore_http_requests_total{method="GET",route="none",status="404"})"], 1);
    EXPECT_EQ(text.find("route=\"/api/stats/totals\""), std::string::npos);
    EXPECT_EQ(text.find("/no/such"), std::string::npos);
    EXPECT_EQ(m[R"(encore_http_request_duration_seconds_count{route="/api/stats/{name}"})"], 3);
    EXPECT_EQ(m[R"(encore_stats_query_duration_seconds_count{query="totals"})"], 1);
    EXPECT_EQ(m[R"(encore_stats_query_duration_seconds_count{query="top-artists"})"], 1);
    EXPECT_EQ(m["encore_plays_stored"], 0);
    EXPECT_EQ(m["encore_imports_unfinished"], 0);
    const std::string version = daemon.get("/api/health").json()["version"];
    EXPECT_EQ(m["encore_build_info{version=\"" + version + "\"}"], 1);
    // The process: a few MB resident, some descriptors, started when we started it.
    EXPECT_GT(m["process_resident_memory_bytes"], 1e6);
    EXPECT_LT(m["process_resident_memory_bytes"], 1e9);
    EXPECT_GT(m["process_open_fds"], 3);
    EXPECT_GT(m["process_max_fds"], m["process_open_fds"]);
    EXPECT_GE(m["process_start_time_seconds"], started - 1);
    EXPECT_LE(m["process_start_time_seconds"], nowSeconds());
    EXPECT_TRUE(m.count("process_cpu_seconds_total"));
    // The scrape itself is a request like any other.
    EXPECT_GE(
        scrape(daemon)[R"(encore_http_requests_total{method="GET",route="/metrics",status="200"})"],
        2);
    ASSERT_EQ(daemon.stop(), 0);
  }
  // After a restart the counters start again, but the last success comes from the database.
  DaemonProcess again({.dataDir = data, .pluginDir = (dir / "plugins").string()});
  auto m = scrape(again);
  EXPECT_FALSE(m.count(R"(encore_job_runs_total{job="testkit.work",status="ok"})"));
  EXPECT_GE(m[R"(encore_job_last_success_timestamp_seconds{job="testkit.work"})"], started - 1);
}

/// testkit in its "http" mode, sending one GET per run to `upstream`.
DaemonProcess::Options httpTestkit(const TempDir &dir, const FakeServer &upstream) {
  return {.dataDir = (dir / "data").string(),
          .pluginDir = pluginDirWith(dir, {"testkit.so"}),
          .env = {{"ENCORE_TESTKIT_URL", upstream.url() + "/resource"}}};
}

TEST(MetricsDaemon, ARateLimitedHostShowsItsRequestsAndItsPause) {
  FakeServer upstream([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    res.set("Retry-After", "120");
    FakeServer::reply(res, 429, "application/json", R"({"error":"slow down"})");
  });
  TempDir dir;
  DaemonProcess daemon(httpTestkit(dir, upstream));
  const double before = nowSeconds();
  ASSERT_EQ(daemon.put("/api/settings", {{"testkit.mode", "http"}, {"testkit.interval_seconds", 1}})
                .status,
            200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return upstream.requestCount() >= 1; }, 5000));
  const std::string host = "http://127.0.0.1:" + std::to_string(upstream.port());
  std::string text;
  std::map<std::string, double> m;
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        m = scrape(daemon, &text);
        return m.count("encore_upstream_paused_until_timestamp_seconds{host=\"" + host + "\"}") ==
               1;
      },
      3000))
      << text;
  expectPromtoolAccepts(text);
  EXPECT_EQ(m["encore_upstream_requests_total{host=\"" + host + "\",status=\"429\"}"], 1);
  const double until = m["encore_upstream_paused_until_timestamp_seconds{host=\"" + host + "\"}"];
  EXPECT_GE(until, before + 119);
  EXPECT_LE(until, nowSeconds() + 121);
  // A 429 is an answer: the breaker stays closed.
  EXPECT_EQ(
      m["encore_upstream_breaker_state{plugin=\"testkit\",host=\"" + host + "\",state=\"closed\"}"],
      1);
  EXPECT_EQ(
      m["encore_upstream_breaker_state{plugin=\"testkit\",host=\"" + host + "\",state=\"open\"}"],
      0);
}

TEST(MetricsDaemon, AFailingHostOpensItsBreaker) {
  FakeServer upstream([](const RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    FakeServer::reply(res, 503, "text/plain", "down");
  });
  TempDir dir;
  DaemonProcess daemon(httpTestkit(dir, upstream));
  ASSERT_EQ(daemon.put("/api/settings", {{"testkit.mode", "http"}, {"testkit.interval_seconds", 1}})
                .status,
            200);
  const std::string host = "http://127.0.0.1:" + std::to_string(upstream.port());
  const std::string open =
      "encore_upstream_breaker_state{plugin=\"testkit\",host=\"" + host + "\",state=\"open\"}";
  std::map<std::string, double> m;
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        m = scrape(daemon);
        return m[open] == 1;
      },
      10000));
  EXPECT_EQ(m["encore_upstream_requests_total{host=\"" + host + "\",status=\"503\"}"], 3);
  EXPECT_EQ(
      m["encore_upstream_breaker_state{plugin=\"testkit\",host=\"" + host + "\",state=\"closed\"}"],
      0);
  EXPECT_FALSE(m.count("encore_upstream_paused_until_timestamp_seconds{host=\"" + host + "\"}"));
}

}  // namespace
}  // namespace encore::test
