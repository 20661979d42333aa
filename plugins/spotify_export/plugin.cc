// spotify_export: Spotify's "Download your data" files as plays, source "spotify-export".
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "encore/plugin_api.h"
#include "import_loop.h"

namespace spotify_export {
namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// The head of a JSON array: "[", then (after white space) "{" or "]".
bool looksLikeJsonArray(std::string_view head) {
  size_t i = 0;
  if (startsWith(head, "\xEF\xBB\xBF")) i = 3;
  while (i < head.size() && std::strchr(" \t\r\n", head[i]) != nullptr) ++i;
  return i < head.size() && head[i] == '[';
}

bool has(std::string_view head, std::string_view key) {
  // Keys as Spotify writes them, with or without a space before the colon.
  std::string quoted = "\"" + std::string(key) + "\"";
  return head.find(quoted) != std::string_view::npos;
}

int32_t probeExtended(void *, const char *fileName, const uint8_t *head, size_t len) {
  std::string_view name(fileName != nullptr ? fileName : "");
  std::string_view text(reinterpret_cast<const char *>(head), len);
  if (startsWith(name, "Streaming_History_Video") || !looksLikeJsonArray(text)) return 0;
  const bool byName =
      (startsWith(name, "Streaming_History_Audio") || startsWith(name, "endsong")) &&
      endsWith(name, ".json");
  const bool byContent =
      has(text, "ts") && has(text, "ms_played") &&
      (has(text, "master_metadata_track_name") || has(text, "spotify_track_uri"));
  if (byContent) return byName ? 95 : 80;
  return byName ? 30 : 0;
}

int32_t probeLegacy(void *, const char *fileName, const uint8_t *head, size_t len) {
  std::string_view name(fileName != nullptr ? fileName : "");
  std::string_view text(reinterpret_cast<const char *>(head), len);
  if (name.find("podcast") != std::string_view::npos || !looksLikeJsonArray(text)) return 0;
  if (has(text, "podcastName")) return 0;
  const bool byName = startsWith(name, "StreamingHistory") && endsWith(name, ".json");
  const bool byContent = has(text, "endTime") && has(text, "msPlayed") && has(text, "trackName");
  if (byContent) return byName ? 90 : 75;
  return byName ? 25 : 0;
}

struct State {
  Services services;
};

int32_t runExtended(void *state, encore_run *run) {
  try {
    return importFile(static_cast<State *>(state)->services, run, readExtendedEntry);
  } catch (...) {
    return ENCORE_E_FAILED;
  }
}

int32_t runLegacy(void *state, encore_run *run) {
  try {
    return importFile(static_cast<State *>(state)->services, run, readLegacyEntry);
  } catch (...) {
    return ENCORE_E_FAILED;
  }
}

const encore_setting_decl kMinPlaySetting = {
    sizeof(encore_setting_decl),
    "min_play_seconds",
    ENCORE_SETTING_INT,
    "Shortest play imported",
    "Plays shorter than this many seconds are skipped when a Spotify export is imported "
    "(Spotify counts a stream from 30 s). 0 imports every play.",
    30,
    nullptr,
    0,
    600,
    nullptr};
const encore_setting_decl *const kSettings[] = {&kMinPlaySetting};

int32_t init(const encore_host *host, void **stateOut) {
  try {
    auto *state = new (std::nothrow) State;
    if (state == nullptr) return ENCORE_E_INTERNAL;
    Services &s = state->services;
    s.host = host;
    s.import =
        static_cast<const encore_import_v1 *>(host->get_service(host, ENCORE_IMPORT_SERVICE_V1));
    s.records =
        static_cast<const encore_records_v1 *>(host->get_service(host, ENCORE_RECORDS_SERVICE_V1));
    s.settings = static_cast<const encore_settings_v1 *>(
        host->get_service(host, ENCORE_SETTINGS_SERVICE_V1));
    s.time = static_cast<const encore_time_v1 *>(host->get_service(host, ENCORE_TIME_SERVICE_V1));
    s.run = static_cast<const encore_run_v1 *>(host->get_service(host, ENCORE_RUN_SERVICE_V1));
    s.log = static_cast<const encore_log_v1 *>(host->get_service(host, ENCORE_LOG_SERVICE_V1));
    if (s.import == nullptr || s.records == nullptr || s.settings == nullptr || s.time == nullptr ||
        s.run == nullptr || s.log == nullptr) {
      delete state;
      return ENCORE_E_UNSUPPORTED;
    }
    int32_t rc = s.settings->declare(host, kSettings, 1);
    if (rc != ENCORE_OK) {
      delete state;
      return rc;
    }
    *stateOut = state;
    return ENCORE_OK;
  } catch (...) {
    return ENCORE_E_INTERNAL;
  }
}

void shutdown(void *state) {
  delete static_cast<State *>(state);
}

const encore_importer_decl kExtended = {sizeof(encore_importer_decl), "extended_history",
                                        "Spotify extended streaming history", probeExtended,
                                        runExtended};
const encore_importer_decl kLegacy = {sizeof(encore_importer_decl), "account_history",
                                      "Spotify account data streaming history", probeLegacy,
                                      runLegacy};
const encore_importer_decl *const kImporters[] = {&kExtended, &kLegacy};

}  // namespace
}  // namespace spotify_export

ENCORE_PLUGIN_ENTRY = {sizeof(encore_plugin_entry_t),
                       ENCORE_ABI_MAJOR,
                       ENCORE_ABI_MINOR,
                       "spotify_export",
                       "Spotify data export",
                       "1.0",
                       "Imports the files of Spotify's \"Download your data\": the extended "
                       "streaming history (and its older endsong_*.json) and the account "
                       "data's streaming history.",
                       spotify_export::init,
                       spotify_export::shutdown,
                       nullptr,
                       nullptr,
                       0,
                       spotify_export::kImporters,
                       2,
                       nullptr,
                       0};
