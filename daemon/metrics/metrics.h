// The daemon's metrics, in the Prometheus text format (GET /metrics). One registry for the
// process, like the logger: a counter lives where its event happens (the HTTP service
// counts upstream requests, the scheduler job runs) without threading a registry through
// every constructor. Values that are state rather than events (paused hosts, the artwork
// cache's size) are read at scrape time from their owner by a collector.
//
//   static auto &runs = metrics::registry().counter("encore_job_runs_total", "...", {"job"});
//   runs.with({"spotify.sync"}).inc();
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace encore::metrics {

/// Label values, in the order of the family's label names.
using LabelValues = std::vector<std::string>;

/// Writes families and samples in the text exposition format (version 0.0.4).
class Exposition {
 public:
  /// Starts a family: its HELP and TYPE lines.
  void family(const std::string &name, const std::string &help, const char *type);
  void sample(const std::string &name, const std::vector<std::string> &labelNames,
              const LabelValues &labelValues, double value);
  void sample(const std::string &name, double value) { sample(name, {}, {}, value); }
  const std::string &text() const { return text_; }

 private:
  std::string text_;
};

class Counter {
 public:
  void inc(uint64_t by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  explicit Histogram(const std::vector<double> &bounds);
  void observe(double value);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // per bound, then +Inf
    double sum = 0;
  };
  Snapshot snapshot() const;
  const std::vector<double> &bounds() const { return bounds_; }

 private:
  const std::vector<double> &bounds_;  // static storage: latencyBuckets() or the caller's
  mutable std::mutex mutex_;
  std::vector<uint64_t> counts_;  // per bound, then the overflow
  double sum_ = 0;
};

/// Observes the time from construction to destruction, in seconds.
class ScopedTimer {
 public:
  explicit ScopedTimer(Histogram &histogram)
      : histogram_(histogram), started_(std::chrono::steady_clock::now()) {}
  ~ScopedTimer();
  ScopedTimer(const ScopedTimer &) = delete;
  ScopedTimer &operator=(const ScopedTimer &) = delete;

 private:
  Histogram &histogram_;
  std::chrono::steady_clock::time_point started_;
};

/// A metric with labels: one child per combination of label values, made on first use.
/// Label values must come from a bounded set (route patterns, job ids, hosts), never from
/// request paths or user input.
template <typename Child>
class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> labelNames,
         std::function<std::unique_ptr<Child>()> make)
      : name_(std::move(name)),
        help_(std::move(help)),
        labelNames_(std::move(labelNames)),
        make_(std::move(make)) {}

  /// The child for `values` (as many as the family has label names).
  Child &with(const LabelValues &values);
  /// Every child, in label order.
  void forEach(const std::function<void(const LabelValues &, const Child &)> &fn) const;

  const std::string &name() const { return name_; }
  const std::string &help() const { return help_; }
  const std::vector<std::string> &labelNames() const { return labelNames_; }

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> labelNames_;
  std::function<std::unique_ptr<Child>()> make_;
  mutable std::mutex mutex_;
  std::map<LabelValues, std::unique_ptr<Child>> children_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

/// Bucket bounds in seconds for request and query latencies: 1 ms to 10 s.
const std::vector<double> &latencyBuckets();

class Registry {
 public:
  using Collector = std::function<void(Exposition &)>;

  /// Removes its collector when destroyed (before what the collector reads goes away).
  class CollectorHandle {
   public:
    CollectorHandle() = default;
    CollectorHandle(Registry *registry, uint64_t id) : registry_(registry), id_(id) {}
    CollectorHandle(CollectorHandle &&other) noexcept;
    CollectorHandle &operator=(CollectorHandle &&other) noexcept;
    ~CollectorHandle();

   private:
    Registry *registry_ = nullptr;
    uint64_t id_ = 0;
  };

  /// A family by name, made on first call; later calls return the same one. Names follow
  /// Prometheus conventions: encore_ prefix, base units, counters ending in _total.
  CounterFamily &counter(const std::string &name, const std::string &help,
                         std::vector<std::string> labelNames = {});
  GaugeFamily &gauge(const std::string &name, const std::string &help,
                     std::vector<std::string> labelNames = {});
  HistogramFamily &histogram(const std::string &name, const std::string &help,
                             std::vector<std::string> labelNames,
                             const std::vector<double> &bounds = latencyBuckets());

  /// Adds a collector run at every scrape, after the registry's own families.
  [[nodiscard]] CollectorHandle addCollector(Collector collector);

  /// Everything, in the text exposition format.
  std::string render() const;

 private:
  void removeCollector(uint64_t id);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<CounterFamily>> counters_;
  std::map<std::string, std::unique_ptr<GaugeFamily>> gauges_;
  std::map<std::string, std::unique_ptr<HistogramFamily>> histograms_;
  mutable std::mutex collectorsMutex_;  // held while collectors run, so removal waits
  std::map<uint64_t, Collector> collectors_;
  uint64_t nextId_ = 1;
};

/// The process's registry.
Registry &registry();

/// The content type of render()'s text.
constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace encore::metrics
