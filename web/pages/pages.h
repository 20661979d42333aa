// The HTML pages. Each returns a whole document; the data comes from the same engines the
// JSON API uses, so a page and its API never disagree.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/stats/stats_engine.h"
#include "web/web_services.h"

namespace encore {

class SmartPlaylists;

namespace pages {

std::string overview(WebServices &services, StatsEngine &engine);
std::string settings();
std::string workers(WebServices &services);
/// `error` is shown above the picker when the range asked for was unusable.
std::string stats(StatsEngine &engine, const StatsParams &params, const std::string &error);
std::string wrapped(StatsEngine &engine, int64_t year);
std::string playlists(SmartPlaylists &playlists);

/// Lists shared by the stats and Wrapped pages.
std::string rankedList(const nlohmann::json &items, const std::string &kind);
std::string emptyNote(const std::string &text);

}  // namespace pages
}  // namespace encore
