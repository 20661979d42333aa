#include "web/pages/charts.h"

#include <algorithm>
#include <cstdio>

#include "web/pages/html.h"

namespace encore::charts {
namespace {

const char *const kPalette[] = {"#1db954", "#4f8cff", "#ff7a59", "#c86bfa", "#f5c518"};

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string open(const std::string &kind, int width, int height, const std::string &label) {
  return "<svg class=\"chart chart-" + kind + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
         std::to_string(height) + "\" role=\"img\" aria-label=\"" + html::escape(label) +
         "\" preserveAspectRatio=\"xMidYMid meet\">";
}

}  // namespace

std::string heatmap(const nlohmann::json &h) {
  const int cell = 28, left = 40, top = 20;
  std::string svg =
      open("heatmap", left + 24 * cell + 4, top + 7 * cell + 4, "Plays by weekday and hour");
  const double max = std::max(1.0, h.value("max_plays", 0.0));
  for (int hour = 0; hour < 24; hour += 3) {
    svg += "<text x=\"" + std::to_string(left + hour * cell + cell / 2) +
           "\" y=\"14\" class=\"axis\" text-anchor=\"middle\">" + std::to_string(hour) + "</text>";
  }
  for (int d = 0; d < 7; ++d) {
    svg += "<text x=\"0\" y=\"" + std::to_string(top + d * cell + 18) + "\" class=\"axis\">" +
           html::escape(h["weekdays"][d].get<std::string>()) + "</text>";
    for (int hour = 0; hour < 24; ++hour) {
      const double plays = h["plays"][d][hour].get<double>();
      const double level = plays / max;
      svg += "<rect class=\"cell\" data-plays=\"" + html::decimal(plays) + "\" x=\"" +
             std::to_string(left + hour * cell) + "\" y=\"" + std::to_string(top + d * cell) +
             "\" width=\"" + std::to_string(cell - 3) + "\" height=\"" + std::to_string(cell - 3) +
             "\" rx=\"4\" fill=\"#1db954\" fill-opacity=\"" +
             num(plays > 0 ? 0.12 + 0.88 * level : 0.04) + "\"><title>" +
             html::escape(h["weekdays"][d].get<std::string>()) + " " + std::to_string(hour) +
             ":00 — " + html::decimal(plays) + " plays</title></rect>";
    }
  }
  return svg + "</svg>";
}

std::string hourBars(const nlohmann::json &hours) {
  const int width = 720, height = 200, base = 175, bar = 30;
  std::string svg = open("hours", width, height, "Plays by hour of day");
  double max = 1;
  for (const auto &h : hours["hours"]) max = std::max(max, h["plays"].get<double>());
  for (const auto &h : hours["hours"]) {
    const int hour = h["hour"].get<int>();
    const double plays = h["plays"].get<double>();
    const double barHeight = plays / max * 160;
    const int x = hour * bar + 2;
    svg += "<rect class=\"bar\" data-plays=\"" + html::decimal(plays) + "\" x=\"" +
           std::to_string(x) + "\" y=\"" + num(base - barHeight) + "\" width=\"" +
           std::to_string(bar - 6) + "\" height=\"" + num(barHeight) +
           "\" rx=\"3\" fill=\"#4f8cff\"><title>" + std::to_string(hour) + ":00 — " +
           html::decimal(plays) + " plays</title></rect>";
    if (hour % 3 == 0) {
      svg += "<text x=\"" + std::to_string(x + bar / 2 - 3) +
             "\" y=\"195\" class=\"axis\" text-anchor=\"middle\">" + std::to_string(hour) +
             "</text>";
    }
  }
  return svg + "</svg>";
}

std::string evolutionLines(const nlohmann::json &evo) {
  const int width = 720, height = 240, left = 36, right = 10, top = 10, bottom = 210;
  std::string svg = open("evolution", width, height, "Monthly plays of the top artists");
  const auto &months = evo["months"];
  const size_t n = months.size();
  double max = 1;
  for (const auto &s : evo["series"]) {
    for (const auto &v : s["plays"]) max = std::max(max, v.get<double>());
  }
  auto x = [&](size_t i) {
    return n <= 1 ? (left + width - right) / 2.0
                  : left + (width - left - right) * double(i) / double(n - 1);
  };
  auto y = [&](double v) { return bottom - (bottom - top) * v / max; };
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(bottom) + "\" x2=\"" +
         std::to_string(width - right) + "\" y2=\"" + std::to_string(bottom) +
         "\" class=\"grid\"/>";
  svg += "<text x=\"0\" y=\"" + std::to_string(top + 10) + "\" class=\"axis\">" +
         html::decimal(max) + "</text>";
  const size_t step = std::max<size_t>(1, n / 6);
  for (size_t i = 0; i < n; i += step) {
    svg += "<text x=\"" + num(x(i)) + "\" y=\"" + std::to_string(bottom + 20) +
           "\" class=\"axis\" text-anchor=\"middle\">" +
           html::escape(months[i]["month"].get<std::string>()) + "</text>";
  }
  size_t colour = 0;
  for (const auto &s : evo["series"]) {
    std::string points;
    for (size_t i = 0; i < s["plays"].size(); ++i)
      points += num(x(i)) + "," + num(y(s["plays"][i].get<double>())) + " ";
    const char *c = kPalette[colour++ % 5];
    svg += "<polyline class=\"series\" fill=\"none\" stroke=\"" + std::string(c) +
           "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"" + points + "\"><title>" +
           html::escape(s["artist"]["name"].get<std::string>()) + "</title></polyline>";
    if (n == 1) {
      svg += "<circle cx=\"" + num(x(0)) + "\" cy=\"" + num(y(s["plays"][0].get<double>())) +
             "\" r=\"4\" fill=\"" + c + "\"/>";
    }
  }
  return svg + "</svg>";
}

}  // namespace encore::charts
