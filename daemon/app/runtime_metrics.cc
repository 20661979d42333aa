#include "daemon/app/runtime_metrics.h"

#include <map>
#include <set>

#include "daemon/http/circuit_breaker.h"
#include "daemon/metrics/process_metrics.h"

namespace encore {
namespace {

using metrics::Exposition;

void writeUpstream(Exposition &out, HostPolicies &policies) {
  const auto all = policies.statusOfAll();
  // A pause holds the host for every plugin: one series per host.
  std::map<std::string, int64_t> pausedUntil;
  for (const auto &[owner, hosts] : all) {
    for (const auto &h : hosts) {
      if (h.pausedUntil > 0) pausedUntil[h.host] = h.pausedUntil;
    }
  }
  out.family("encore_upstream_paused_until_timestamp_seconds",
             "Hosts paused by a 429 and when the pause ends (Unix time); absent when none is.",
             "gauge");
  for (const auto &[host, until] : pausedUntil) {
    out.sample("encore_upstream_paused_until_timestamp_seconds", {"host"}, {host}, until / 1000.0);
  }
  out.family("encore_upstream_breaker_state",
             "Circuit breaker state per plugin and host: 1 for the state it is in.", "gauge");
  const CircuitBreaker::State states[] = {
      CircuitBreaker::State::Closed, CircuitBreaker::State::HalfOpen, CircuitBreaker::State::Open};
  for (const auto &[owner, hosts] : all) {
    for (const auto &h : hosts) {
      for (auto state : states) {
        const std::string name = CircuitBreaker::name(state);
        out.sample("encore_upstream_breaker_state", {"plugin", "host", "state"},
                   {owner, h.host, name}, h.breaker == name ? 1 : 0);
      }
    }
  }
}

void writeImports(Exposition &out, ImportRecords &imports) {
  const auto unfinished = imports.unfinished();
  out.family("encore_imports_unfinished", "Imports queued or running.", "gauge");
  out.sample("encore_imports_unfinished", static_cast<double>(unfinished.size()));
  out.family("encore_import_entries_processed",
             "Entries read so far by each unfinished import, by import id.", "gauge");
  std::vector<std::pair<std::string, nlohmann::json>> described;
  for (const auto &row : unfinished) {
    if (auto d = imports.describe(row.id)) described.emplace_back(std::to_string(row.id), *d);
  }
  for (const auto &[id, d] : described) {
    out.sample("encore_import_entries_processed", {"import"}, {id}, d["processed"].get<double>());
  }
  out.family("encore_import_entries_expected",
             "Entries each unfinished import holds in all, once known, by import id.", "gauge");
  for (const auto &[id, d] : described) {
    if (d["total"].is_number()) {
      out.sample("encore_import_entries_expected", {"import"}, {id}, d["total"].get<double>());
    }
  }
}

void writeArtwork(Exposition &out, ArtworkTable &artwork) {
  std::vector<std::pair<metrics::LabelValues, KindUsage>> usage;
  for (const auto &source : artwork.sources()) {
    for (const auto &[kind, u] : artwork.usage(source)) usage.push_back({{source, kind}, u});
  }
  out.family("encore_artwork_cache_bytes", "Bytes of cached WebP artwork, by source and kind.",
             "gauge");
  for (const auto &[labels, u] : usage) {
    out.sample("encore_artwork_cache_bytes", {"source", "kind"}, labels,
               static_cast<double>(u.bytes));
  }
  out.family("encore_artwork_cache_files", "Cached WebP artwork files, by source and kind.",
             "gauge");
  for (const auto &[labels, u] : usage) {
    out.sample("encore_artwork_cache_files", {"source", "kind"}, labels,
               static_cast<double>(u.count));
  }
}

}  // namespace

metrics::Registry::CollectorHandle addRuntimeMetrics(metrics::Registry &registry,
                                                     RuntimeMetricSources s) {
  return registry.addCollector([s](Exposition &out) {
    out.family("encore_build_info", "The running version of encored.", "gauge");
    out.sample("encore_build_info", {"version"}, {s.version}, 1);
    out.family("encore_plays_stored", "Plays in the listening history.", "gauge");
    out.sample("encore_plays_stored", static_cast<double>(s.stats.playCount()));
    writeUpstream(out, s.policies);
    writeImports(out, s.imports);
    writeArtwork(out, s.artwork);
    metrics::writeProcessMetrics(out, s.startedAtMs / 1000.0);
  });
}

}  // namespace encore
