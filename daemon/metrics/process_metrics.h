// The standard process_* metrics every Prometheus client exports, read from the kernel at
// scrape time: resident memory, open file descriptors, CPU time, start time.
#pragma once

#include "daemon/metrics/metrics.h"

namespace encore::metrics {

/// Writes process_resident_memory_bytes, process_virtual_memory_bytes, process_open_fds,
/// process_max_fds, process_cpu_seconds_total and process_start_time_seconds (the given
/// Unix time: the daemon's own record of its start, so no boot-time arithmetic is needed).
void writeProcessMetrics(Exposition &out, double startTimeSeconds);

}  // namespace encore::metrics
