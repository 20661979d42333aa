// The metrics that are state rather than events, read at scrape time from the services that
// own them, through the same calls the JSON API makes: plays stored, paused hosts, breakers,
// unfinished imports, the artwork cache's size, and the process itself.
#pragma once

#include <cstdint>
#include <string>

#include "artwork/artwork_table.h"
#include "daemon/http/host_policies.h"
#include "daemon/imports/import_records.h"
#include "daemon/metrics/metrics.h"
#include "daemon/stats/stats_engine.h"

namespace encore {

struct RuntimeMetricSources {
  std::string version;
  int64_t startedAtMs = 0;
  StatsEngine &stats;
  HostPolicies &policies;
  ImportRecords &imports;
  ArtworkTable &artwork;
};

/// Adds the collector to `registry`; it reads `sources` until the handle is destroyed.
[[nodiscard]] metrics::Registry::CollectorHandle addRuntimeMetrics(metrics::Registry &registry,
                                                                   RuntimeMetricSources sources);

}  // namespace encore
