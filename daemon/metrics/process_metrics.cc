#include "daemon/metrics/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace encore::metrics {

void writeProcessMetrics(Exposition &out, double startTimeSeconds) {
  // /proc/self/statm: sizes in pages; the first is the virtual size, the second resident.
  double pages = 0, residentPages = 0;
  std::ifstream statm("/proc/self/statm");
  statm >> pages >> residentPages;
  const double pageSize = static_cast<double>(sysconf(_SC_PAGESIZE));
  out.family("process_resident_memory_bytes", "Resident memory size in bytes.", "gauge");
  out.sample("process_resident_memory_bytes", residentPages * pageSize);
  out.family("process_virtual_memory_bytes", "Virtual memory size in bytes.", "gauge");
  out.sample("process_virtual_memory_bytes", pages * pageSize);

  std::error_code ec;
  double fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++fds;
  }
  out.family("process_open_fds", "Number of open file descriptors.", "gauge");
  out.sample("process_open_fds", fds);
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    out.family("process_max_fds", "Maximum number of open file descriptors.", "gauge");
    out.sample("process_max_fds", static_cast<double>(limit.rlim_cur));
  }

  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) == 0) {
    auto seconds = [](const timeval &t) {
      return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    out.family("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
               "counter");
    out.sample("process_cpu_seconds_total", seconds(usage.ru_utime) + seconds(usage.ru_stime));
  }
  out.family("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
             "gauge");
  out.sample("process_start_time_seconds", startTimeSeconds);
}

}  // namespace encore::metrics
