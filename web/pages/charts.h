// Charts drawn by the server as inline SVG from the stats JSON: nothing to download or
// bundle, they print, scale to a phone's width, and work without JavaScript.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace encore::charts {

/// Weekday x hour grid, colour by plays. `heatmap` is the "heatmap" object of /api/stats.
std::string heatmap(const nlohmann::json &heatmap);
/// 24 bars of plays per hour of day. `hours` is the "hours" object.
std::string hourBars(const nlohmann::json &hours);
/// Monthly plays of the top artists as lines. `evolution` is the "evolution" object.
std::string evolutionLines(const nlohmann::json &evolution);

}  // namespace encore::charts
