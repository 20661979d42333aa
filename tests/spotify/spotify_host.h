// The daemon's services assembled in-process around the real spotify.so, for tests that
// drive jobs and the sink one call at a time (and, with a ManualClock, through simulated
// minutes of rate limits in milliseconds). Everything is real: SQLite file, HTTP over
// loopback to the fake Spotify, dlopen of the plugin.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "daemon/core/clock.h"
#include "daemon/http/host_policies.h"
#include "daemon/http/http_client.h"
#include "daemon/http/http_service.h"
#include "daemon/oauth/oauth_manager.h"
#include "daemon/plugin_host/plugin_manager.h"
#include "daemon/records/record_store.h"
#include "daemon/store/store.h"
#include "settings/settings.h"

namespace encore::test {

class SpotifyHost {
 public:
  struct Options {
    std::string dataDir;
    std::string spotifyUrl;                     // the fake's URL: API and accounts
    Clock *clock = nullptr;                     // default: the system clock
    std::map<std::string, std::string> config;  // extra ENCORE_* keys
  };

  explicit SpotifyHost(Options options);
  ~SpotifyHost();

  /// The browser's part of the connect flow: the login URL, the fake's authorize
  /// redirect, then the callback with the code and state the fake sent back.
  OAuthManager::LoginResult connect();

  /// One scheduled run of a job ("artists", ...); gradual jobs get their stale items.
  RunResult run(const std::string &job);
  /// One push of a sink document; `result` receives what the sink reported.
  RunResult push(const std::string &document, std::string *result = nullptr);

  /// The first column of the first row of `sql` (read-only), as an integer.
  int64_t count(const std::string &sql);
  std::optional<std::string> text(const std::string &sql);
  void setSetting(const std::string &key, const nlohmann::json &value);

  Clock &clock() { return *clock_; }
  Store &store() { return *store_; }
  Settings &settings() { return *settings_; }
  HostPolicies &policies() { return *policies_; }
  OAuthManager &oauth() { return *oauth_; }
  HttpService &http() { return *http_; }
  RecordStore &records() { return *records_; }
  Plugin &plugin() { return *plugin_; }

 private:
  Options options_;
  SystemClock systemClock_;
  Clock *clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Settings> settings_;
  std::unique_ptr<HostPolicies> policies_;
  std::unique_ptr<HttpClient> client_;
  std::unique_ptr<HttpService> http_;
  std::unique_ptr<OAuthManager> oauth_;
  std::unique_ptr<RecordStore> records_;
  std::unique_ptr<HostContext> context_;
  std::unique_ptr<PluginManager> plugins_;
  Plugin *plugin_ = nullptr;
};

}  // namespace encore::test
