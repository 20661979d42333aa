#include "app/runtime.h"

#include <Poco/Logger.h>

#include <filesystem>

#include "artwork/artwork_settings.h"
#include "encore/plugin_api.h"
#include "history/play_writer.h"
#include "web/routes/api_routes.h"
#include "web/routes/artwork_routes.h"

namespace encore {

std::optional<JobGate::Hold> PolicyGate::hold(const std::string &plugin) {
  if (int64_t until = policies_.blockedUntil(plugin); until > 0) {
    return Hold{until, false, policies_.blockedReason(plugin)};
  }
  if (context_.oauth != nullptr) {
    Plugin *p = plugins_.find(plugin);
    if (p != nullptr && p->oauth &&
        context_.oauth->state(plugin) == ENCORE_OAUTH2_STATE_RECONNECT_NEEDED) {
      return Hold{0, true, "reconnect needed: the account's authorization expired or was revoked"};
    }
  }
  return std::nullopt;
}

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

  pauseStore_ = std::make_unique<DbPauseStore>(*store_);
  policies_ = std::make_unique<HostPolicies>(clock_, pauseStore_.get());
  httpClient_ = std::make_unique<HttpClient>(HttpClient::Options{}, ProxyConfig(config_));
  http_ = std::make_unique<HttpService>(*httpClient_, *policies_, clock_);
  RecordHandlers handlers = RecordHandlers::withLibraryTypes();
  addPlayHandler(handlers);
  records_ = std::make_unique<RecordStore>(*store_, clock_, std::move(handlers));
  createArtworkCache();
  hostContext_ = std::make_unique<HostContext>(
      HostContext{clock_, *store_, *settings_, *records_, *http_, config_, nullptr});

  plugins_ = std::make_unique<PluginManager>(*hostContext_);
  plugins_->loadDirectory(options_.pluginDir);

  runLog_ = std::make_unique<RunLog>(*store_);
  if (int n = runLog_->markInterrupted(clock_.nowMs()); n > 0) {
    log.warning("%d run(s) were interrupted by the last shutdown; they resume from their checkpoints", n);
  }
  dispatcher_ = std::make_unique<ThreadDispatcher>();
  gate_ = std::make_unique<PolicyGate>(*policies_, *plugins_, *hostContext_);
  RecordStore *records = records_.get();
  scheduler_ = std::make_unique<Scheduler>(
      clock_, *settings_, *runLog_, *dispatcher_, *gate_,
      [records, this](const JobSpec &job, int64_t limit) {
        return records->staleItems(job.id, job.plugin, job.itemType, job.itemCollection,
                                   clock_.nowMs() - job.itemStaleMs, limit);
      });
  plugins_->registerJobs(*scheduler_);
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
      }});
  addRoutes();
}

Runtime::~Runtime() { stop(0); }

void Runtime::declareHostSettings() {
  SettingDef publicUrl;
  publicUrl.key = "server.public_url";
  publicUrl.owner = "server";
  publicUrl.type = SettingType::String;
  publicUrl.title = "Public URL";
  publicUrl.description =
      "The address your browser uses to reach Encore, e.g. http://nas.local:8770. OAuth "
      "redirects come back here. Empty: http://<bind address>:<port>.";
  publicUrl.defaultValue = std::string();
  publicUrl.max = 2048;
  settings_->declare(publicUrl);

  SettingDef timezone;
  timezone.key = "server.timezone";
  timezone.owner = "server";
  timezone.type = SettingType::String;
  timezone.title = "Time zone";
  timezone.description =
      "Your IANA time zone (e.g. Europe/Berlin): days and hours in statistics are counted in it.";
  timezone.defaultValue = std::string("UTC");
  timezone.max = 64;
  timezone.envVar = "ENCORE_TIMEZONE";
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
  addArtworkRoutes(router_, *artwork_);
}

void Runtime::start() {
  web_ = std::make_unique<WebServer>(options_.bind, options_.port, router_);
  web_->start();
  artwork_->start();
  scheduler_->start();
}

void Runtime::stop(int64_t graceMs) {
  if (stopped_) return;
  stopped_ = true;
  auto &log = Poco::Logger::get("encored");
  if (web_) web_->stop();
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
  if (store_) store_->close();
}

}  // namespace encore
