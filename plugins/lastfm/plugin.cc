// lastfm: the user's scrobbles from Last.fm, and imports of scrobble-CSV exports.
#include <new>
#include <string>

#include "connect_job.h"
#include "csv_importer.h"
#include "host_api.h"
#include "sync_job.h"

namespace lastfm {
namespace {

struct State {
  HostApi host;
};

template <typename Fn>
int32_t guarded(Fn &&fn) noexcept {
  try {
    return fn();
  } catch (...) {
    return ENCORE_E_FAILED;
  }
}

const encore_setting_decl kEnabled = {
    sizeof(encore_setting_decl),
    "enabled",
    ENCORE_SETTING_BOOL,
    "Sync Last.fm",
    "Fetch your scrobbles from Last.fm (set the user name and API key first).",
    0,
    nullptr,
    0,
    0,
    nullptr};
const encore_setting_decl kUser = {sizeof(encore_setting_decl),
                                   "username",
                                   ENCORE_SETTING_STRING,
                                   "Last.fm user name",
                                   "Whose scrobbles to fetch.",
                                   0,
                                   nullptr,
                                   0,
                                   64,
                                   "ENCORE_LASTFM_USERNAME"};
const encore_setting_decl kApiKey = {
    sizeof(encore_setting_decl),
    "api_key",
    ENCORE_SETTING_SECRET,
    "API key",
    "Your Last.fm API key (https://www.last.fm/api/account/create).",
    0,
    nullptr,
    0,
    128,
    "ENCORE_LASTFM_API_KEY"};
const encore_setting_decl kSecret = {
    sizeof(encore_setting_decl),
    "shared_secret",
    ENCORE_SETTING_SECRET,
    "Shared secret",
    "The API account's shared secret; only needed to connect your account "
    "(private listening history).",
    0,
    nullptr,
    0,
    128,
    "ENCORE_LASTFM_SHARED_SECRET"};
const encore_setting_decl kInterval = {sizeof(encore_setting_decl),
                                       "sync_interval_minutes",
                                       ENCORE_SETTING_INT,
                                       "Sync every",
                                       "Minutes between two syncs of new scrobbles.",
                                       5,
                                       nullptr,
                                       1,
                                       1440,
                                       nullptr};
const encore_setting_decl *const kSettings[] = {&kEnabled, &kUser, &kApiKey, &kSecret, &kInterval};

int32_t init(const encore_host *host, void **stateOut) {
  return guarded([&]() -> int32_t {
    auto *state = new (std::nothrow) State;
    if (state == nullptr) return ENCORE_E_INTERNAL;
    if (!state->host.init(host) || !state->host.declare(kSettings, 5)) {
      delete state;
      return ENCORE_E_UNSUPPORTED;
    }
    *stateOut = state;
    return ENCORE_OK;
  });
}

void shutdown(void *state) {
  delete static_cast<State *>(state);
}

int32_t runSync(void *state, encore_run *run) {
  return guarded([&] { return runScrobbleSync(static_cast<State *>(state)->host, run); });
}

int32_t runConnectJob(void *state, encore_run *run) {
  return guarded([&] { return runConnect(static_cast<State *>(state)->host, run); });
}

int32_t probeCsv(void *, const char *fileName, const uint8_t *head, size_t len) {
  return guarded([&] {
    return probeScrobbleCsv(fileName != nullptr ? fileName : "",
                            std::string(reinterpret_cast<const char *>(head), len));
  });
}

int32_t runCsv(void *state, encore_run *run) {
  return guarded([&] { return runScrobbleCsv(static_cast<State *>(state)->host, run); });
}

const encore_job_decl kSyncJob = {
    sizeof(encore_job_decl),
    "scrobbles",
    "Last.fm scrobbles",
    "New scrobbles every few minutes, and the whole history once (resumable).",
    300,
    "sync_interval_minutes",
    60,
    nullptr,
    0,
    0,
    nullptr,
    nullptr,
    0,
    nullptr,
    runSync};
const encore_job_decl kConnectJob = {
    sizeof(encore_job_decl),
    "connect",
    "Connect Last.fm account",
    "Run by hand: authorizes Encore on your Last.fm account (needed for private listening "
    "history).",
    366LL * 86400,
    nullptr,
    1,
    nullptr,
    0,
    0,
    nullptr,
    nullptr,
    0,
    nullptr,
    runConnectJob};
const encore_job_decl *const kJobs[] = {&kSyncJob, &kConnectJob};

const encore_importer_decl kCsvImporter = {sizeof(encore_importer_decl), "scrobble_csv",
                                           "Last.fm scrobble CSV", probeCsv, runCsv};
const encore_importer_decl *const kImporters[] = {&kCsvImporter};

}  // namespace
}  // namespace lastfm

ENCORE_PLUGIN_ENTRY = {sizeof(encore_plugin_entry_t),
                       ENCORE_ABI_MAJOR,
                       ENCORE_ABI_MINOR,
                       "lastfm",
                       "Last.fm",
                       "1.0",
                       "Your scrobbles from Last.fm: the whole history, then every few minutes "
                       "what is new; and imports of scrobble-CSV exports.",
                       lastfm::init,
                       lastfm::shutdown,
                       "enabled",
                       lastfm::kJobs,
                       2,
                       lastfm::kImporters,
                       1,
                       nullptr,
                       0};
