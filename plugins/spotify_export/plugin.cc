// spotify_export: Spotify's "Download your data" files as plays, source "spotify-export".
#include <cstring>
#include <string>
#include <string_view>

#include "encore/plugin.hpp"
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

int32_t probeExtended(const char *fileName, const uint8_t *head, size_t len) {
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

int32_t probeLegacy(const char *fileName, const uint8_t *head, size_t len) {
  std::string_view name(fileName != nullptr ? fileName : "");
  std::string_view text(reinterpret_cast<const char *>(head), len);
  if (name.find("podcast") != std::string_view::npos || !looksLikeJsonArray(text)) return 0;
  if (has(text, "podcastName")) return 0;
  const bool byName = startsWith(name, "StreamingHistory") && endsWith(name, ".json");
  const bool byContent = has(text, "endTime") && has(text, "msPlayed") && has(text, "trackName");
  if (byContent) return byName ? 90 : 75;
  return byName ? 25 : 0;
}

template <EntryReader Reader>
void importWith(const encore::Host &host, encore_run *run) {
  importFile(host, run, Reader);
}

constexpr encore_setting_decl kSettings[] = {encore::intSetting({
    .key = "min_play_seconds",
    .title = "Shortest play imported",
    .description = "Plays shorter than this many seconds are skipped when a Spotify export is "
                   "imported (Spotify counts a stream from 30 s). 0 imports every play.",
    .defaultValue = 30,
    .min = 0,
    .max = 600,
})};
constexpr auto kSettingList = encore::declList(kSettings);

int32_t init(const encore_host *raw, void **stateOut) noexcept {
  return encore::initHost(
      raw, stateOut,
      {ENCORE_IMPORT_SERVICE_V1, ENCORE_RECORDS_SERVICE_V1, ENCORE_SETTINGS_SERVICE_V1,
       ENCORE_TIME_SERVICE_V1, ENCORE_RUN_SERVICE_V1, ENCORE_LOG_SERVICE_V1},
      kSettingList);
}

int32_t probeExtendedFile(void *, const char *fileName, const uint8_t *head, size_t len) noexcept {
  return encore::guardValue(0, [&] { return probeExtended(fileName, head, len); });
}

int32_t probeLegacyFile(void *, const char *fileName, const uint8_t *head, size_t len) noexcept {
  return encore::guardValue(0, [&] { return probeLegacy(fileName, head, len); });
}

constexpr encore_importer_decl kImporters[] = {
    encore::importer({.id = "extended_history",
                      .title = "Spotify extended streaming history",
                      .probe = probeExtendedFile,
                      .run = encore::runWithHost<importWith<readExtendedEntry>>}),
    encore::importer({.id = "account_history",
                      .title = "Spotify account data streaming history",
                      .probe = probeLegacyFile,
                      .run = encore::runWithHost<importWith<readLegacyEntry>>}),
};
constexpr auto kImporterList = encore::declList(kImporters);

}  // namespace
}  // namespace spotify_export

ENCORE_PLUGIN_ENTRY = encore::pluginEntry({
    .id = "spotify_export",
    .name = "Spotify data export",
    .version = ENCORE_PLUGIN_VERSION,
    .description = "Imports the files of Spotify's \"Download your data\": the extended "
                   "streaming history (and its older endsong_*.json) and the account data's "
                   "streaming history.",
    .init = spotify_export::init,
    .shutdown = encore::shutdownHost,
    .importers = spotify_export::kImporterList,
});
