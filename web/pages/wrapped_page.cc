// /wrapped/{year}: the year in review, with its shareable card.
#include "web/pages/html.h"
#include "web/pages/pages.h"

namespace encore::pages {
namespace {

std::string fact(const std::string &label, const std::string &value) {
  return "<div class=\"card\"><div class=\"value\">" + value + "</div><div class=\"label\">" +
         html::escape(label) + "</div></div>";
}

std::string str(const nlohmann::json &j) {
  return j.is_string() ? html::escape(j.get<std::string>()) : "—";
}

}  // namespace

std::string wrapped(StatsEngine &engine, int64_t year) {
  nlohmann::json w = engine.wrapped(year);
  const auto &t = w["totals"];
  const std::string y = std::to_string(year);
  std::string body = "<nav class=\"years\"><a href=\"/wrapped/" + std::to_string(year - 1) +
                     "\">← " + std::to_string(year - 1) + "</a><a href=\"/wrapped/" +
                     std::to_string(year + 1) + "\">" + std::to_string(year + 1) +
                     " →</a></nav><h1>Your " + y + " in music</h1>";
  if (t["plays"].get<int64_t>() == 0) {
    body += emptyNote("No plays in " + y +
                      " yet. Once your history is synced or imported, your year appears here.");
  }
  body += "<div class=\"cards\">" +
          fact("minutes", html::thousands(static_cast<int64_t>(t["minutes"].get<double>()))) +
          fact("plays", html::thousands(t["plays"])) +
          fact("artists", html::thousands(t["artists"])) +
          fact("new artists", html::thousands(w["discoveries"]["new_artists"])) +
          fact("longest streak", w["streaks"]["longest"].is_null()
                                     ? "—"
                                     : html::thousands(w["streaks"]["longest"]["days"]) + " days") +
          "</div>";
  body +=
      "<div class=\"grid wrapped\"><section class=\"panel\"><h2>Share</h2><img "
      "class=\"wrapped-card\" src=\"/wrapped/" +
      y + "/card.webp\" alt=\"Your " + y +
      " Wrapped card\" width=\"540\" height=\"675\"><p><a href=\"/wrapped/" + y +
      "/card.webp\" download=\"encore-wrapped-" + y + ".webp\">Download the card</a></p></section>";
  body += "<section class=\"panel\"><h2>Top artists</h2>" +
          rankedList(w["top_artists"], "artists") + "<h2>Top tracks</h2>" +
          rankedList(w["top_tracks"], "tracks") + "</section></div>";
  const auto &pk = w["peaks"];
  body +=
      "<div class=\"grid three\"><section class=\"panel\"><h2>Personality</h2><p "
      "class=\"profile\">" +
      str(w["personality"]["profile"]) + "</p><p>" + str(w["personality"]["reason"]) +
      "</p></section>";
  body += "<section class=\"panel\"><h2>Peaks</h2><dl><dt>Peak day</dt><dd>" +
          (pk["peak_day"].is_null() ? std::string("—") : str(pk["peak_day"]["date"])) +
          "</dd><dt>Busiest hour</dt><dd>" +
          (pk["busiest_hour_of_day"].is_null()
               ? std::string("—")
               : std::to_string(pk["busiest_hour_of_day"]["hour"].get<int>()) + ":00") +
          "</dd><dt>Mainstream</dt><dd>" +
          (w["mainstream"]["score"].is_null() ? std::string("unknown")
                                              : html::decimal(w["mainstream"]["score"]) + "/100") +
          "</dd></dl></section>";
  std::string months = "<ul>";
  for (const auto &m : w["months"]) {
    if (m["top_artist"].is_null()) continue;
    months += "<li>" + str(m["month"]) + ": " + str(m["top_artist"]["name"]) + "</li>";
  }
  body += "<section class=\"panel\"><h2>Month by month</h2>" + months + "</ul></section></div>";
  return html::layout("Wrapped " + y, "wrapped", body);
}

}  // namespace encore::pages
