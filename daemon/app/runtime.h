// The running daemon: every service, built in dependency order, started after the fork,
// stopped in reverse. main() only parses options and waits for a signal.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "artwork/artwork_cache.h"
#include "daemon/app/daemon_options.h"
#include "daemon/app/db_pause_store.h"
#include "daemon/app/policy_gate.h"
#include "daemon/core/clock.h"
#include "daemon/http/http_service.h"
#include "daemon/imports/import_manager.h"
#include "daemon/metrics/metrics.h"
#include "daemon/oauth/oauth_manager.h"
#include "daemon/playlists/smart_playlists.h"
#include "daemon/plugin_host/plugin_manager.h"
#include "daemon/records/record_store.h"
#include "daemon/scheduler/scheduler.h"
#include "daemon/stats/stats_engine.h"
#include "daemon/store/store.h"
#include "settings/settings.h"
#include "web/router.h"
#include "web/web_server.h"
#include "web/web_services.h"

namespace encore {

class Runtime {
 public:
  /// project(VERSION) of the top CMakeLists.txt, the one place it is written.
  static constexpr const char *kVersion = ENCORE_VERSION;

  /// Opens the store (migrations), declares host settings, loads and initialises plugins.
  /// Throws MigrationError / DbError / std::exception: start-up must stop.
  Runtime(const DaemonOptions &options, ConfigLookup config);
  ~Runtime();

  /// Binds the HTTP port and starts serving and scheduling. Call after the fork.
  void start();
  /// Stops serving, cancels runs (waiting up to `graceMs` for them), unloads plugins and
  /// closes the store after its current transaction.
  void stop(int64_t graceMs);

  uint16_t port() const { return web_ ? web_->port() : 0; }
  Store &store() { return *store_; }
  Settings &settings() { return *settings_; }
  PluginManager &plugins() { return *plugins_; }
  Router &router() { return router_; }
  ImportManager &imports() { return *imports_; }

 private:
  void declareHostSettings();
  void createArtworkCache();
  void addRoutes();
  /// Where browsers reach the daemon: server.public_url, else http://<bind>:<port>.
  std::string publicBaseUrl() const;

  DaemonOptions options_;
  ConfigLookup config_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Settings> settings_;
  std::unique_ptr<DbPauseStore> pauseStore_;
  std::unique_ptr<HostPolicies> policies_;
  std::unique_ptr<HttpClient> httpClient_;
  std::unique_ptr<HttpService> http_;
  std::unique_ptr<OAuthManager> oauth_;
  std::unique_ptr<RecordStore> records_;
  std::unique_ptr<HttpClient> artworkHttpClient_;
  std::unique_ptr<HttpService> artworkHttp_;
  std::unique_ptr<ArtworkCache> artwork_;
  std::unique_ptr<HostContext> hostContext_;
  std::unique_ptr<PluginManager> plugins_;
  std::unique_ptr<ImportManager> imports_;
  std::unique_ptr<RunLog> runLog_;
  std::unique_ptr<ThreadDispatcher> dispatcher_;
  std::unique_ptr<PolicyGate> gate_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<StatsEngine> stats_;
  std::unique_ptr<SmartPlaylists> playlists_;
  std::unique_ptr<WebServices> webServices_;
  Router router_;
  std::unique_ptr<WebServer> web_;
  // Last: removed from the registry before anything it reads goes away.
  metrics::Registry::CollectorHandle metrics_;
  bool stopped_ = false;
};

}  // namespace encore
