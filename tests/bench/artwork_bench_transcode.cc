// The imaging module alone, from files in memory, on N threads: what the machine gives
// parallel image work right now. tests/bench/artwork_bench.sh prints it beside its rounds,
// so a ratio can be read against the cores that were actually free.
//   artwork_bench_transcode DIR COUNT THREADS   ->  "<images per second>"
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "artwork/imaging_module.h"

int main(int argc, char **argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DIR COUNT THREADS\n", argv[0]);
    return 2;
  }
  const int count = std::atoi(argv[2]);
  const int threads = std::atoi(argv[3]);
  std::vector<std::string> covers;
  for (int i = 0; i < count; ++i) {
    std::ifstream in(std::string(argv[1]) + "/" + std::to_string(i) + ".jpg", std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    covers.push_back(bytes.str());
  }
  encore::ImagingModule module("", encore::ImageLimits{});
  encore::ImageTranscoder *transcoder = module.get();
  if (transcoder == nullptr) {
    std::fprintf(stderr, "%s\n", module.error().c_str());
    return 1;
  }
  transcoder->transcode(covers.at(0), 500, 500, 80);  // warm-up: libvips starts
  std::atomic<int> next{0};
  std::atomic<int> failed{0};
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i; (i = next++) < count;) {
        if (!transcoder->transcode(covers[i], 500, 500, 80).ok) ++failed;
      }
      transcoder->releaseThread();
    });
  }
  for (auto &t : pool) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (failed > 0) {
    std::fprintf(stderr, "%d images failed\n", failed.load());
    return 1;
  }
  std::printf("%.1f\n", count / seconds);
  return 0;
}
