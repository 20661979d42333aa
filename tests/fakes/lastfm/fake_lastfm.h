// A fake Last.fm API on loopback for tests and benchmarks: a generated scrobble history
// served through user.getRecentTracks exactly as Last.fm shapes it (every number a string,
// the now-playing entry without a date on top of `limit`, `from` inclusive and `to`
// exclusive), auth.getToken/auth.getSession, and injectable faults:
// error-29 bursts (HTTP 200 or 429), a user's error (6, 17), a page served twice, and late
// scrobbles that reach Last.fm while a client walks a window. Other users may be added,
// each with a history of its own; the faults and late scrobbles concern the first user.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
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
    int perSecond = 1;  // scrobbles sharing each stamp (bulk scrobblers, same-second stacks)
    bool nowPlaying = true;
  };
  /// A recent-tracks request about to be answered.
  struct RecentQuery {
    std::optional<int64_t> from, to;
    int64_t page = 1;
    /// The newest scrobble served so far for the same `to`, leaving out the first page
    /// of a window of several asked first (a client learning the window's size): how far a
    /// client walking the window from its oldest page has read, if it has begun.
    std::optional<int64_t> frontier;
  };
  /// Returns the scrobbles that reach Last.fm just before a request is answered.
  using LateScrobbles = std::function<std::vector<Scrobble>(const RecentQuery &)>;

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
  /// Adds scrobbles at their own stamps, in time order: late ones (an offline device
  /// catching up) land inside the history. At a second already taken, a new scrobble is
  /// listed before the ones there.
  void addScrobbles(const std::vector<Scrobble> &scrobbles);
  /// Calls `hook` before answering each recent-tracks request and adds what it returns.
  void onRecentTracks(LateScrobbles hook);
  /// Another user whose recent tracks are `scrobbles` (in time order).
  void addUser(const std::string &name, std::vector<Scrobble> scrobbles);

  std::vector<Scrobble> scrobbles() const;
  size_t recentRequests() const;
  std::vector<RecordedRequest> requests() const { return server_->requests(); }

  /// The deterministic history the fake generates: scrobble i of the options.
  static Scrobble scrobbleAt(const Options &options, int i);

 private:
  void handle(const RecordedRequest &request, Poco::Net::HTTPServerResponse &response);
  std::string recentTracks(const std::map<std::string, std::string> &q, int &status);
  void insertLocked(const Scrobble &s);

  Options options_;
  mutable std::mutex mutex_;
  std::vector<Scrobble> scrobbles_;  // oldest first
  std::map<std::string, std::vector<Scrobble>> otherUsers_;
  int failCount_ = 0, failError_ = 0, failStatus_ = 200;
  int alwaysError_ = 0, alwaysStatus_ = 200;
  bool repeatOnce_ = false;
  std::string lastPage_;
  LateScrobbles lateHook_;
  struct Walked {
    bool counted = false;  // the first page of the window was served
    std::optional<int64_t> newest;
  };
  std::map<int64_t, Walked> walked_;  // by `to` (INT64_MAX when absent)
  size_t recentRequests_ = 0;
  std::unique_ptr<FakeServer> server_;
};

}  // namespace encore::test
