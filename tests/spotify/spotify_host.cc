#include "spotify_host.h"

#include <Poco/URI.h>
#include <gtest/gtest.h>

#include "daemon/history/play_writer.h"
#include "support/daemon_process.h"
#include "support/http_call.h"

namespace encore::test {
namespace {

std::string queryValue(const std::string &url, const std::string &key) {
  for (const auto &[k, v] : Poco::URI(url).getQueryParameters()) {
    if (k == key) return v;
  }
  return {};
}

}  // namespace

SpotifyHost::SpotifyHost(Options options) : options_(std::move(options)) {
  clock_ = options_.clock != nullptr ? options_.clock : &systemClock_;
  auto config = options_.config;
  config.emplace("ENCORE_SPOTIFY_API_URL", options_.spotifyUrl);
  config.emplace("ENCORE_SPOTIFY_ACCOUNTS_URL", options_.spotifyUrl);
  config.emplace("ENCORE_SPOTIFY_CLIENT_ID", "encore-test-client");
  config.emplace("ENCORE_SPOTIFY_CLIENT_SECRET", "encore-test-secret");
  auto lookup = [config](const std::string &key) -> std::optional<std::string> {
    auto it = config.find(key);
    if (it == config.end()) return std::nullopt;
    return it->second;
  };
  store_ = std::make_unique<Store>(options_.dataDir, builtinMigrations());
  settings_ = std::make_unique<Settings>(*store_, lookup);
  policies_ = std::make_unique<HostPolicies>(*clock_, nullptr);
  client_ = std::make_unique<HttpClient>(
      HttpClient::Options{},
      ProxyConfig([](const std::string &) { return std::optional<std::string>(); }));
  http_ = std::make_unique<HttpService>(*client_, *policies_, *clock_);
  oauth_ = std::make_unique<OAuthManager>(*clock_, *store_, *settings_, *http_);
  http_->setTokenProvider(oauth_.get());
  RecordHandlers handlers = RecordHandlers::withLibraryTypes();
  addPlayHandler(handlers);
  records_ = std::make_unique<RecordStore>(*store_, *clock_, std::move(handlers));
  context_ = std::make_unique<HostContext>(
      HostContext{*clock_, *store_, *settings_, *records_, *http_, lookup, oauth_.get()});
  plugins_ = std::make_unique<PluginManager>(*context_);
  Plugin &loaded = plugins_->loadFile(builtPluginDir() + "/spotify.so");
  if (loaded.status != Plugin::Status::Loaded) {
    throw std::runtime_error("spotify.so was refused: " + loaded.reason);
  }
  plugin_ = &loaded;
}

SpotifyHost::~SpotifyHost() {
  plugins_->shutdown();
  store_->close();
}

OAuthManager::LoginResult SpotifyHost::connect() {
  auto start = oauth_->beginLogin("spotify", "http://127.0.0.1:9/auth/spotify/callback");
  if (!start.ok) return {OAuthManager::Outcome::Failed, start.error};
  auto authorize = httpGet(start.authorizeUrl);
  if (authorize.status != 302)
    return {OAuthManager::Outcome::Failed, "authorize: " + authorize.body};
  const std::string location = authorize.header("Location");
  return oauth_->completeLogin("spotify", queryValue(location, "state"),
                               queryValue(location, "code"), queryValue(location, "error"));
}

RunResult SpotifyHost::run(const std::string &job) {
  for (size_t i = 0; i < plugin_->jobs.size(); ++i) {
    const JobSpec &spec = plugin_->jobs[i];
    if (spec.localId != job) continue;
    std::vector<std::string> items;
    if (spec.gradual) {
      int64_t batch = settings_->intValue(spec.batchSetting);
      items = records_->staleItems(spec.id, spec.plugin, spec.itemType, spec.itemCollection,
                                   clock_->nowMs() - spec.itemStaleMs, batch);
    }
    CancelToken cancel;
    RunRequest request{spec, false, items, cancel};
    return plugins_->runJob(*plugin_, *plugin_->jobDecls[i], request);
  }
  throw std::invalid_argument("no job " + job);
}

RunResult SpotifyHost::push(const std::string &document, std::string *result) {
  struct Exchange : SinkExchange {
    std::string doc, result;
    const std::string &document() const override { return doc; }
    void setResult(std::string json) override { result = std::move(json); }
  } exchange;
  exchange.doc = document;
  CancelToken cancel;
  RunResult outcome = plugins_->runSink(*plugin_, plugin_->sinks.at(0), exchange, cancel);
  if (result != nullptr) *result = exchange.result;
  return outcome;
}

int64_t SpotifyHost::count(const std::string &sql) {
  return store_->read([&](Database &db) {
    auto q = db.prepare(sql);
    return q->step() ? q->int64(0) : int64_t{-1};
  });
}

std::optional<std::string> SpotifyHost::text(const std::string &sql) {
  return store_->read([&](Database &db) -> std::optional<std::string> {
    auto q = db.prepare(sql);
    if (!q->step()) return std::nullopt;
    return q->optText(0);
  });
}

void SpotifyHost::setSetting(const std::string &key, const nlohmann::json &value) {
  auto errors = settings_->update({{key, value}});
  if (!errors.empty()) throw std::invalid_argument(key + ": " + errors[0].message);
}

}  // namespace encore::test
