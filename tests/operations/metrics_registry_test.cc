// The metrics registry on its own: the text it renders, label escaping, histograms, and
// collectors that come and go.
#include <gtest/gtest.h>

#include "daemon/metrics/metrics.h"

namespace encore::metrics {
namespace {

TEST(MetricsRegistry, RendersCountersAndGaugesWithHelpTypeAndEscapedLabels) {
  Registry registry;
  auto &requests = registry.counter("t_requests_total", "Requests.\nBy host.", {"host", "status"});
  requests.with({"api.example", "200"}).inc();
  requests.with({"api.example", "200"}).inc(2);
  requests.with({"we\"ird\\host\nname", "500"}).inc();
  registry.gauge("t_temperature_celsius", "Heat.").with({}).set(21.5);
  // The same name again is the same family.
  EXPECT_EQ(&registry.counter("t_requests_total", "Requests.", {"host", "status"}), &requests);
  EXPECT_THROW(registry.counter("t_requests_total", "Requests.", {"host"}), std::logic_error);
  EXPECT_THROW(requests.with({"only one"}), std::invalid_argument);

  const std::string text = registry.render();
  EXPECT_NE(text.find("# HELP t_requests_total Requests.\\nBy host.\n"
                      "# TYPE t_requests_total counter\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("t_requests_total{host=\"api.example\",status=\"200\"} 3\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("t_requests_total{host=\"we\\\"ird\\\\host\\nname\",status=\"500\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# TYPE t_temperature_celsius gauge\nt_temperature_celsius 21.5\n"),
            std::string::npos)
      << text;
}

TEST(MetricsRegistry, HistogramBucketsAreCumulativeWithSumAndCount) {
  Registry registry;
  static const std::vector<double> bounds = {0.25, 1};
  auto &latency = registry.histogram("t_latency_seconds", "Latency.", {"route"}, bounds);
  latency.with({"/a"}).observe(0.125);
  latency.with({"/a"}).observe(0.25);  // on the bound: in it (le)
  latency.with({"/a"}).observe(0.5);
  latency.with({"/a"}).observe(32);
  const std::string text = registry.render();
  EXPECT_NE(text.find("# TYPE t_latency_seconds histogram\n"
                      "t_latency_seconds_bucket{route=\"/a\",le=\"0.25\"} 2\n"
                      "t_latency_seconds_bucket{route=\"/a\",le=\"1\"} 3\n"
                      "t_latency_seconds_bucket{route=\"/a\",le=\"+Inf\"} 4\n"
                      "t_latency_seconds_sum{route=\"/a\"} 32.875\n"
                      "t_latency_seconds_count{route=\"/a\"} 4\n"),
            std::string::npos)
      << text;
}

TEST(MetricsRegistry, CollectorsRunAtEveryScrapeUntilTheirHandleGoes) {
  Registry registry;
  int scrapes = 0;
  {
    auto handle = registry.addCollector([&](Exposition &out) {
      ++scrapes;
      out.family("t_open_things", "Things open now.", "gauge");
      out.sample("t_open_things", {"kind"}, {"door"}, scrapes);
    });
    EXPECT_NE(registry.render().find("t_open_things{kind=\"door\"} 1\n"), std::string::npos);
    EXPECT_NE(registry.render().find("t_open_things{kind=\"door\"} 2\n"), std::string::npos);
    Registry::CollectorHandle moved = std::move(handle);
    EXPECT_NE(registry.render().find("t_open_things"), std::string::npos);
  }
  EXPECT_EQ(registry.render().find("t_open_things"), std::string::npos);
  EXPECT_EQ(scrapes, 3);
}

}  // namespace
}  // namespace encore::metrics
