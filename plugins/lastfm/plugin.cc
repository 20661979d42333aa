// lastfm: the user's scrobbles from Last.fm, and imports of scrobble-CSV exports.
#include <string>

#include "connect_job.h"
#include "csv_importer.h"
#include "encore/plugin.hpp"
#include "sync_job.h"

namespace lastfm {
namespace {

constexpr encore_setting_decl kSettings[] = {
    encore::boolSetting({
        .key = "enabled",
        .title = "Sync Last.fm",
        .description = "Fetch your scrobbles from Last.fm (set the user name and API key first).",
    }),
    encore::stringSetting({
        .key = "username",
        .title = "Last.fm user name",
        .description = "Whose scrobbles to fetch.",
        .maxBytes = 64,
        .envVar = "ENCORE_LASTFM_USERNAME",
    }),
    encore::secretSetting({
        .key = "api_key",
        .title = "API key",
        .description = "Your Last.fm API key (https://www.last.fm/api/account/create).",
        .maxBytes = 128,
        .envVar = "ENCORE_LASTFM_API_KEY",
    }),
    encore::secretSetting({
        .key = "shared_secret",
        .title = "Shared secret",
        .description = "The API account's shared secret; only needed to connect your account "
                       "(private listening history).",
        .maxBytes = 128,
        .envVar = "ENCORE_LASTFM_SHARED_SECRET",
    }),
    encore::intSetting({
        .key = "sync_interval_minutes",
        .title = "Sync every",
        .description = "Minutes between two syncs of new scrobbles.",
        .defaultValue = 5,
        .min = 1,
        .max = 1440,
    }),
};
constexpr auto kSettingList = encore::declList(kSettings);

int32_t init(const encore_host *raw, void **stateOut) noexcept {
  return encore::initHost(
      raw, stateOut,
      {ENCORE_LOG_SERVICE_V1, ENCORE_SETTINGS_SERVICE_V1, ENCORE_CONFIG_SERVICE_V1,
       ENCORE_KV_SERVICE_V1, ENCORE_TIME_SERVICE_V1, ENCORE_HTTP_SERVICE_V1,
       ENCORE_RECORDS_SERVICE_V1, ENCORE_RUN_SERVICE_V1, ENCORE_IMPORT_SERVICE_V1},
      kSettingList);
}

int32_t probeCsv(void *, const char *fileName, const uint8_t *head, size_t len) noexcept {
  return encore::guardValue(0, [&] {
    return probeScrobbleCsv(fileName != nullptr ? fileName : "",
                            std::string(reinterpret_cast<const char *>(head), len));
  });
}

constexpr encore_job_decl kJobs[] = {
    encore::job({
        .id = "scrobbles",
        .title = "Last.fm scrobbles",
        .description = "New scrobbles every few minutes, and the whole history once (resumable).",
        .cooldownSeconds = 300,
        .cooldownSetting = "sync_interval_minutes",
        .cooldownUnitSeconds = 60,
        .run = encore::runWithHost<runScrobbleSync>,
    }),
    encore::job({
        .id = "connect",
        .title = "Connect Last.fm account",
        .description = "Run by hand: authorizes Encore on your Last.fm account (needed for "
                       "private listening history).",
        .cooldownSeconds = 366LL * 86400,
        .run = encore::runWithHost<runConnect>,
    }),
};
constexpr auto kJobList = encore::declList(kJobs);

constexpr encore_importer_decl kImporters[] = {encore::importer({
    .id = "scrobble_csv",
    .title = "Last.fm scrobble CSV",
    .probe = probeCsv,
    .run = encore::runWithHost<runScrobbleCsv>,
})};
constexpr auto kImporterList = encore::declList(kImporters);

}  // namespace
}  // namespace lastfm

ENCORE_PLUGIN_ENTRY = encore::pluginEntry({
    .id = "lastfm",
    .name = "Last.fm",
    .version = ENCORE_PLUGIN_VERSION,
    .description = "Your scrobbles from Last.fm: the whole history, then every few minutes what "
                   "is new; and imports of scrobble-CSV exports.",
    .init = lastfm::init,
    .shutdown = encore::shutdownHost,
    .enabledSetting = "enabled",
    .jobs = lastfm::kJobList,
    .importers = lastfm::kImporterList,
});
