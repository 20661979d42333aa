#include "daemon/app/runtime.h"

#include <Poco/Logger.h>

#include <filesystem>

#include "artwork/artwork_settings.h"
#include "daemon/app/runtime_metrics.h"
#include "daemon/core/time_zone.h"
#include "daemon/core/unicode_text.h"
#include "daemon/history/play_writer.h"
#include "daemon/imports/import_settings.h"
#include "daemon/playlists/playlist_settings.h"
#include "encore/plugin_api.h"
#include "web/routes/api_routes.h"
#include "web/routes/artwork_routes.h"
#include "web/routes/auth_routes.h"
#include "web/routes/import_routes.h"
#include "web/routes/metrics_routes.h"
#include "web/routes/stats_routes.h"

namespace encore {

Runtime::Runtime(const DaemonOptions &options, ConfigLookup config)
    : options_(options), config_(std::move(config)) {
  auto &log = Poco::Logger::get("encored");
  store_ = std::make_unique<Store>(options_.dataDir, builtinMigrations());
  const auto &report = store_->migrationReport();
  if (!report.applied.empty()) {
    log.information("database %s migrated from version %d to %d", store_->path(),
                    report.fromVersion, report.toVersion);
  }
  settings_ = std::make_unique<Settings>(*store_, config_);
  declareHostSettings();
  declareImportSettings(*settings_);
  declarePlaylistSettings(*settings_);

  pauseStore_ = std::make_unique<DbPauseStore>(*store_);
  policies_ = std::make_unique<HostPolicies>(clock_, pauseStore_.get());
  httpClient_ = std::make_unique<HttpClient>(HttpClient::Options{}, ProxyConfig(config_));
  http_ = std::make_unique<HttpService>(*httpClient_, *policies_, clock_);
  oauth_ = std::make_unique<OAuthManager>(clock_, *store_, *settings_, *http_);
  http_->setTokenProvider(oauth_.get());
  RecordHandlers handlers = RecordHandlers::withLibraryTypes();
  addPlayHandler(handlers);
  records_ = std::make_unique<RecordStore>(*store_, clock_, std::move(handlers));
  createArtworkCache();
  hostContext_ = std::make_unique<HostContext>(
      HostContext{clock_, *store_, *settings_, *records_, *http_, config_, oauth_.get()});

  plugins_ = std::make_unique<PluginManager>(*hostContext_);
  plugins_->loadDirectory(options_.pluginDir);
  imports_ = std::make_unique<ImportManager>(*store_, clock_, *plugins_, options_.dataDir);

  runLog_ = std::make_unique<RunLog>(*store_);
  if (int n = runLog_->markInterrupted(clock_.nowMs()); n > 0) {
    log.warning(
        "%d run(s) were interrupted by the last shutdown; they resume from their checkpoints", n);
  }
  dispatcher_ = std::make_unique<ThreadDispatcher>();
  gate_ = std::make_unique<PolicyGate>(
      *policies_, [this](const std::string &plugin) -> std::optional<JobGate::Hold> {
        Plugin *p = plugins_->find(plugin);
        if (hostContext_->oauth == nullptr || p == nullptr || !p->oauth) return std::nullopt;
        switch (hostContext_->oauth->state(plugin)) {
          case ENCORE_OAUTH2_STATE_RECONNECT_NEEDED:
            return JobGate::Hold{0, true,
                                 "reconnect needed: the account's authorization expired or was "
                                 "revoked; sign in again at /auth/" +
                                     plugin + "/login"};
          case ENCORE_OAUTH2_STATE_NOT_CONNECTED:
            // Its jobs cannot do anything yet; they start as soon as the account is connected.
            return JobGate::Hold{0, true, "not connected: sign in at /auth/" + plugin + "/login"};
          default:
            return std::nullopt;
        }
      });
  RecordStore *records = records_.get();
  scheduler_ = std::make_unique<Scheduler>(
      clock_, *settings_, *runLog_, *dispatcher_, *gate_,
      [records, this](const JobSpec &job, int64_t limit) {
        return records->staleItems(job.id, job.plugin, job.itemType, job.itemCollection,
                                   clock_.nowMs() - job.itemStaleMs, limit);
      });
  plugins_->registerJobs(*scheduler_);
  // ENCORE_STATS_CACHE=off answers every stats query afresh (for measuring the engine).
  stats_ = std::make_unique<StatsEngine>(*store_, *settings_, clock_,
                                         config_("ENCORE_STATS_CACHE") != "off");
  playlists_ = std::make_unique<SmartPlaylists>(*stats_, *settings_, *store_, *plugins_, *gate_);
  scheduler_->addJob(playlists_->jobSpec(), playlists_.get());
  settings_->onChange([this](const std::vector<std::string> &) { scheduler_->wake(); });

  webServices_ = std::make_unique<WebServices>(WebServices{
      clock_, *store_, *settings_, *scheduler_, *plugins_, *policies_, kVersion, clock_.nowMs(),
      [this](const Plugin &p) -> std::string {
        if (hostContext_->oauth == nullptr) return "not_connected";
        switch (hostContext_->oauth->state(p.id)) {
          case ENCORE_OAUTH2_STATE_CONNECTED:
            return "connected";
          case ENCORE_OAUTH2_STATE_RECONNECT_NEEDED:
            return "reconnect_needed";
          default:
            return "not_connected";
        }
      },
      [this] { return oauth_ ? oauth_->generation() : 0; }});
  metrics_ =
      addRuntimeMetrics(metrics::registry(), {kVersion, webServices_->startedAtMs, *stats_,
                                              *policies_, imports_->records(), artwork_->table()});
  addRoutes();
}

Runtime::~Runtime() {
  stop(0);
}

void Runtime::declareHostSettings() {
  settings_->declare(stringSetting(
      "server.public_url", "Public URL",
      "The address your browser uses to reach Encore, e.g. http://nas.local:8770. OAuth "
      "redirects come back here. Empty: http://<bind address>:<port>.",
      "", 2048));
  SettingDef timezone = stringSetting(
      "server.timezone", "Time zone",
      "Your IANA time zone (e.g. Europe/Berlin): days and hours in statistics are counted in it.",
      "UTC", 64);
  timezone.envVar = "ENCORE_TIMEZONE";
  timezone.suggestions = [] { return TimeZone::names(); };
  timezone.check = [](const SettingValue &value) -> std::string {
    const auto &name = std::get<std::string>(value);
    if (TimeZone::load(name) != nullptr) return {};
    return "unknown time zone '" + text::clipBytes(name, 64) +
           "': expected an IANA name such as Europe/Berlin or America/New_York";
  };
  settings_->declare(timezone);
}

void Runtime::createArtworkCache() {
  declareArtworkSettings(*settings_);
  // Its own transport, for a tighter size cap and timeout than API calls get, over the
  // same host policies: budgets, Retry-After pauses and breakers are shared.
  artworkHttpClient_ =
      std::make_unique<HttpClient>(ArtworkFetcher::transportOptions(), ProxyConfig(config_));
  artworkHttp_ = std::make_unique<HttpService>(*artworkHttpClient_, *policies_, clock_);
  ArtworkCacheOptions options;
  options.root = std::filesystem::path(options_.dataDir) / "artwork";
  artwork_ = std::make_unique<ArtworkCache>(options, *store_, *settings_, *artworkHttp_, clock_);
  records_->addObserver(artwork_.get());
}

void Runtime::addRoutes() {
  addHealthRoutes(router_, *webServices_);
  addPluginRoutes(router_, *webServices_);
  addWorkerRoutes(router_, *webServices_);
  addSettingsRoutes(router_, *webServices_);
  addStatsRoutes(router_, *stats_);
  addPlaylistRoutes(router_, *playlists_, *scheduler_);
  addPageRoutes(router_, *webServices_, *stats_, *playlists_, *artwork_);
  addImportRoutes(router_, *webServices_, *imports_);
  addAuthRoutes(router_, *webServices_, *oauth_, [this] { return publicBaseUrl(); });
  addArtworkRoutes(router_, *artwork_);
  addMetricsRoutes(router_, metrics::registry());
}

std::string Runtime::publicBaseUrl() const {
  std::string url = settings_->stringValue("server.public_url");
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!url.empty()) return url;
  // The port is known only once the web server has bound it (it may have been 0).
  std::string host = options_.bind;
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";  // any-address: use loopback
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(port());
}

void Runtime::start() {
  stats_->startWarmUp();
  web_ = std::make_unique<WebServer>(options_.bind, options_.port, router_);
  web_->start();
  artwork_->start();
  scheduler_->start();
  imports_->start();
}

void Runtime::stop(int64_t graceMs) {
  if (stopped_) return;
  stopped_ = true;
  auto &log = Poco::Logger::get("encored");
  if (web_) web_->stop();
  if (imports_) imports_->stop();  // a cancelled import resumes at the next start
  bool runsEnded = scheduler_ ? scheduler_->stop(graceMs) : true;
  if (dispatcher_) runsEnded = dispatcher_->stop(runsEnded ? 0 : 100) && runsEnded;
  // No run stores records any more: the cache hears nothing new while it stops.
  if (artwork_) artwork_->stop();
  if (runsEnded) {
    if (plugins_) plugins_->shutdown();
  } else {
    // A plugin call is still in progress: unloading its code now would crash it. The
    // process exits right after; the store still closes cleanly below.
    log.warning("a run did not stop in time; leaving its plugin loaded");
  }
  if (stats_) {
    stats_->stopWarmUp();
    stats_->saveIndex();
  }
  if (store_) store_->close();
}

}  // namespace encore
