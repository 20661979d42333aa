#include "daemon/metrics/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace encore::metrics {
namespace {

/// HELP text escapes backslash and newline; label values also the double quote.
std::string escape(const std::string &text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string formatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "NaN";
  return std::string(buffer, end);
}

void renderLabels(std::string &out, const std::vector<std::string> &names,
                  const LabelValues &values) {
  if (names.empty()) return;
  out += '{';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    out += escape(i < values.size() ? values[i] : std::string(), true);
    out += '"';
  }
  out += '}';
}

}  // namespace

void Exposition::family(const std::string &name, const std::string &help, const char *type) {
  text_ += "# HELP " + name + " " + escape(help, false) + "\n";
  text_ += "# TYPE " + name + " " + type + "\n";
}

void Exposition::sample(const std::string &name, const std::vector<std::string> &labelNames,
                        const LabelValues &labelValues, double value) {
  text_ += name;
  renderLabels(text_, labelNames, labelValues);
  text_ += ' ';
  text_ += formatValue(value);
  text_ += '\n';
}

Histogram::Histogram(const std::vector<double> &bounds)
    : bounds_(bounds), counts_(bounds.size() + 1, 0) {}

void Histogram::observe(double value) {
  size_t bucket = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) -
                                      bounds_.begin());
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[bucket];
  sum_ += value;
}

Histogram::Snapshot Histogram::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Snapshot out;
  out.sum = sum_;
  uint64_t running = 0;
  for (uint64_t c : counts_) {
    running += c;
    out.cumulative.push_back(running);
  }
  return out;
}

ScopedTimer::~ScopedTimer() {
  histogram_.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
}

template <typename Child>
Child &Family<Child>::with(const LabelValues &values) {
  if (values.size() != labelNames_.size()) {
    throw std::invalid_argument(name_ + ": expected " + std::to_string(labelNames_.size()) +
                                " label values");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto &child = children_[values];
  if (!child) child = make_();
  return *child;
}

template <typename Child>
void Family<Child>::forEach(
    const std::function<void(const LabelValues &, const Child &)> &fn) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto &[values, child] : children_) fn(values, *child);
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

const std::vector<double> &latencyBuckets() {
  static const std::vector<double> bounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                             0.25,  0.5,    1,     2.5,  5,     10};
  return bounds;
}

namespace {

template <typename Child, typename Make>
Family<Child> &findOrAdd(std::map<std::string, std::unique_ptr<Family<Child>>> &families,
                         const std::string &name, const std::string &help,
                         std::vector<std::string> labelNames, Make make) {
  auto &family = families[name];
  if (!family) {
    family = std::make_unique<Family<Child>>(name, help, std::move(labelNames), std::move(make));
  } else if (family->labelNames() != labelNames) {
    throw std::logic_error("metric " + name + " is declared twice with other labels");
  }
  return *family;
}

}  // namespace

CounterFamily &Registry::counter(const std::string &name, const std::string &help,
                                 std::vector<std::string> labelNames) {
  std::lock_guard<std::mutex> lock(mutex_);
  return findOrAdd(counters_, name, help, std::move(labelNames),
                   [] { return std::make_unique<Counter>(); });
}

GaugeFamily &Registry::gauge(const std::string &name, const std::string &help,
                             std::vector<std::string> labelNames) {
  std::lock_guard<std::mutex> lock(mutex_);
  return findOrAdd(gauges_, name, help, std::move(labelNames),
                   [] { return std::make_unique<Gauge>(); });
}

HistogramFamily &Registry::histogram(const std::string &name, const std::string &help,
                                     std::vector<std::string> labelNames,
                                     const std::vector<double> &bounds) {
  std::lock_guard<std::mutex> lock(mutex_);
  return findOrAdd(histograms_, name, help, std::move(labelNames),
                   [&bounds] { return std::make_unique<Histogram>(bounds); });
}

Registry::CollectorHandle Registry::addCollector(Collector collector) {
  std::lock_guard<std::mutex> lock(collectorsMutex_);
  uint64_t id = nextId_++;
  collectors_.emplace(id, std::move(collector));
  return CollectorHandle(this, id);
}

void Registry::removeCollector(uint64_t id) {
  std::lock_guard<std::mutex> lock(collectorsMutex_);
  collectors_.erase(id);
}

Registry::CollectorHandle::CollectorHandle(CollectorHandle &&other) noexcept
    : registry_(other.registry_), id_(other.id_) {
  other.registry_ = nullptr;
}

Registry::CollectorHandle &Registry::CollectorHandle::operator=(CollectorHandle &&other) noexcept {
  if (this != &other) {
    if (registry_ != nullptr) registry_->removeCollector(id_);
    registry_ = other.registry_;
    id_ = other.id_;
    other.registry_ = nullptr;
  }
  return *this;
}

Registry::CollectorHandle::~CollectorHandle() {
  if (registry_ != nullptr) registry_->removeCollector(id_);
}

std::string Registry::render() const {
  Exposition out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto &[name, family] : counters_) {
      out.family(name, family->help(), "counter");
      family->forEach([&](const LabelValues &values, const Counter &c) {
        out.sample(name, family->labelNames(), values, static_cast<double>(c.value()));
      });
    }
    for (const auto &[name, family] : gauges_) {
      out.family(name, family->help(), "gauge");
      family->forEach([&](const LabelValues &values, const Gauge &g) {
        out.sample(name, family->labelNames(), values, g.value());
      });
    }
    for (const auto &[name, family] : histograms_) {
      out.family(name, family->help(), "histogram");
      std::vector<std::string> bucketLabels = family->labelNames();
      bucketLabels.push_back("le");
      family->forEach([&](const LabelValues &values, const Histogram &h) {
        auto snap = h.snapshot();
        LabelValues bucketValues = values;
        bucketValues.emplace_back();
        const auto &bounds = h.bounds();
        for (size_t i = 0; i < snap.cumulative.size(); ++i) {
          bucketValues.back() = i < bounds.size() ? formatValue(bounds[i]) : "+Inf";
          out.sample(name + "_bucket", bucketLabels, bucketValues,
                     static_cast<double>(snap.cumulative[i]));
        }
        out.sample(name + "_sum", family->labelNames(), values, snap.sum);
        out.sample(name + "_count", family->labelNames(), values,
                   static_cast<double>(snap.cumulative.back()));
      });
    }
  }
  std::lock_guard<std::mutex> lock(collectorsMutex_);
  for (const auto &[id, collect] : collectors_) collect(out);
  return out.text();
}

Registry &registry() {
  static Registry instance;
  return instance;
}

}  // namespace encore::metrics
