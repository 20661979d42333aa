// A fake Last.fm API on loopback for tests and benchmarks: a generated scrobble history
// served through user.getRecentTracks exactly as Last.fm shapes it (every number a string,
// the now-playing entry without a date on top of `limit`, `from` inclusive and `to`
// exclusive), auth.getToken/auth.getSession, and injectable faults:
// error-29 bursts (HTTP 200 or 429), a user's error (6, 17), a page served twice.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "support/fake_server.h"

namespace encore::test {

class FakeLastfm {
 public:
  struct Scrobble {
    int64_t uts;
    std::string artist, track, album;
  };
  struct Options {
    std::string user = "rj";
    std::string apiKey = "test-api-key";
    std::string secret = "test-secret";
    int scrobbles = 1000;
    int64_t firstUts = 1'500'000'000;  // 2017-07-14
    int64_t spacingSeconds = 240;
    bool nowPlaying = true;
  };

  explicit FakeLastfm(Options options);
  /// For ENCORE_LASTFM_API_URL (the plugin appends /2.0/).
  std::string url() const { return server_->url(); }

  /// The next `count` recent-tracks requests answer error `error` with `httpStatus`.
  void failNext(int count, int error, int httpStatus);
  /// Every recent-tracks request answers this error (0 clears it).
  void failAlways(int error, int httpStatus);
  /// The next recent-tracks request answers the page served before it again.
  void repeatPageOnce();
  /// Adds `count` scrobbles stamped a second ago (listening goes on during a sync).
  void addScrobbles(int count);

  std::vector<Scrobble> scrobbles() const;
  size_t recentRequests() const;
  std::vector<RecordedRequest> requests() const { return server_->requests(); }

  /// The deterministic history the fake generates: scrobble i of the options.
  static Scrobble scrobbleAt(const Options &options, int i);

 private:
  void handle(const RecordedRequest &request, Poco::Net::HTTPServerResponse &response);
  std::string recentTracks(const std::map<std::string, std::string> &q, int &status);

  Options options_;
  mutable std::mutex mutex_;
  std::vector<Scrobble> scrobbles_;  // oldest first
  int failCount_ = 0, failError_ = 0, failStatus_ = 200;
  int alwaysError_ = 0, alwaysStatus_ = 200;
  bool repeatOnce_ = false;
  std::string lastPage_;
  size_t recentRequests_ = 0;
  std::unique_ptr<FakeServer> server_;
};

}  // namespace encore::test
