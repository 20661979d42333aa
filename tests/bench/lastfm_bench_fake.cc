// The fake Last.fm of the tests as a process, for the backfill benchmark
// (tests/bench/lastfm_backfill_bench.sh). Answers at once.
//   lastfm_bench_fake [SCROBBLES]
// Prints "fake lastfm listening on http://127.0.0.1:<port>" and serves until SIGTERM or
// SIGINT; then prints how many recent-tracks requests it answered.
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>

#include "fakes/lastfm/fake_lastfm.h"

int main(int argc, char **argv) {
  encore::test::FakeLastfm::Options options;
  options.scrobbles = argc > 1 ? std::atoi(argv[1]) : 50'000;
  if (options.scrobbles <= 0) {
    std::cerr << "usage: lastfm_bench_fake [SCROBBLES]\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's threads start

  encore::test::FakeLastfm fake(options);
  std::cout << "fake lastfm listening on " << fake.url() << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "answered " << fake.recentRequests() << " requests" << std::endl;
  return 0;
}
