// /stats: the range picker and every statistic of the range, charts drawn as SVG.
#include "daemon/core/unicode_text.h"
#include "daemon/stats/stats_queries.h"
#include "web/pages/charts.h"
#include "web/pages/html.h"
#include "web/pages/pages.h"

namespace encore::pages {
namespace {

std::string option(const std::string &value, const std::string &label, const std::string &current) {
  return "<option value=\"" + value + "\"" + (value == current ? " selected" : "") + ">" + label +
         "</option>";
}

std::string picker(const StatsParams &p, const StatsRange *range) {
  const std::string current = range ? range->preset : p.range.range.value_or("all");
  return "<form class=\"range-picker\" method=\"get\" action=\"/stats\">"
         "<label>Range <select name=\"range\" id=\"range\">" +
         option("4w", "Last 4 weeks", current) + option("6m", "Last 6 months", current) +
         option("1y", "Last year", current) + option("all", "All time", current) +
         option("custom", "Dates…", current) +
         "</select></label>"
         "<label>From <input type=\"date\" name=\"from\" id=\"from\" value=\"" +
         html::escape(p.range.from.value_or("")) +
         "\"></label><label>To <input type=\"date\" name=\"to\" id=\"to\" value=\"" +
         html::escape(p.range.to.value_or("")) +
         "\"></label><button type=\"submit\">Show</button>" +
         (range
              ? "<span class=\"muted\">Time zone: " + html::escape(range->zone->name()) + "</span>"
              : "") +
         "</form>";
}

std::string card(const std::string &label, const std::string &value, const std::string &id) {
  return "<div class=\"card\" id=\"" + id + "\"><div class=\"value\">" + value +
         "</div><div class=\"label\">" + html::escape(label) + "</div></div>";
}

std::string section(const std::string &id, const std::string &title, const std::string &content) {
  return "<section class=\"panel\" id=\"" + id + "\"><h2>" + html::escape(title) + "</h2>" +
         content + "</section>";
}

std::string text(const nlohmann::json &j) {
  return j.is_string() ? html::escape(j.get<std::string>()) : "";
}

}  // namespace

std::string emptyNote(const std::string &message) {
  return "<p class=\"empty\">" + html::escape(message) + "</p>";
}

std::string rankedList(const nlohmann::json &items, const std::string &kind) {
  if (items.empty()) return emptyNote("Nothing played in this range yet.");
  std::string out = "<ol class=\"ranked " + kind + "\">";
  for (const auto &item : items) {
    const std::string name = item.value("name", "");
    std::string art =
        "<span class=\"art\" data-initials=\"" + html::escape(text::initial(name)) + "\">";
    if (item.contains("image") && item["image"].is_string()) {
      // A missing image (not cached yet, or no artwork module) leaves the initials.
      art += "<img src=\"" + html::escape(item["image"].get<std::string>()) +
             "\" alt=\"\" loading=\"lazy\" onerror=\"this.remove()\">";
    }
    art += "</span>";
    std::string sub =
        item.contains("artist") && item["artist"].is_string() ? text(item["artist"]) : "";
    out += "<li>" + art + "<span class=\"what\"><span class=\"name\">" + html::escape(name) +
           "</span>" + (sub.empty() ? "" : "<span class=\"sub\">" + sub + "</span>") +
           "</span><span class=\"count\">" + html::thousands(item.value("plays", 0)) + " plays" +
           (item.contains("minutes") ? " · " + html::duration(item["minutes"].get<double>())
                                     : std::string()) +
           "</span></li>";
  }
  return out + "</ol>";
}

std::string stats(StatsEngine &engine, const StatsParams &params, const std::string &error) {
  if (!error.empty()) {
    return html::layout("Stats", "stats",
                        "<h1>Your listening</h1>" + picker(params, nullptr) +
                            "<p class=\"error\" id=\"range-error\">" + html::escape(error) +
                            "</p>");
  }
  StatsRange range = engine.resolve(params.range);
  std::string body = "<h1>Your listening</h1>" + picker(params, &range);
  const std::string setting = engine.timeZoneName();
  if (!params.range.tz && range.zone->name() != setting) {
    body += "<p class=\"error\" id=\"zone-warning\">The time zone setting '" +
            html::escape(setting) +
            "' is not a zone this system knows; days and hours are shown in UTC. <a "
            "href=\"/settings#server\">Fix it in Settings</a>.</p>";
  }
  body += engine.withInput(range, [&](const StatsInput &in, Names &names) {
    auto totals = stats::totals(in);
    std::string out =
        "<div class=\"cards\">" + card("plays", html::thousands(totals["plays"]), "total-plays") +
        card("listening", html::duration(totals["minutes"]), "total-minutes") +
        card("artists", html::thousands(totals["artists"]), "total-artists") +
        card("tracks", html::thousands(totals["tracks"]), "total-tracks") +
        card("days with music", html::thousands(totals["active_days"]), "total-days") + "</div>";
    if (in.empty()) {
      out += emptyNote(
          "No plays in this range yet. Connect a source on the Overview page or import your "
          "history; the "
          "charts fill in as plays arrive.");
    }
    out += "<div class=\"grid\">";
    out += section("heatmap", "When you listen", charts::heatmap(stats::heatmap(in)));
    out += section("hours", "Hour by hour", charts::hourBars(stats::hours(in)));
    out += "</div><div class=\"grid three\">";
    out += section("top-artists", "Top artists",
                   rankedList(stats::topArtists(in, names, 10), "artists"));
    out +=
        section("top-tracks", "Top tracks", rankedList(stats::topTracks(in, names, 10), "tracks"));
    out +=
        section("top-albums", "Top albums", rankedList(stats::topAlbums(in, names, 10), "albums"));
    out += "</div>";
    auto evo = stats::evolution(in, names, 3);
    std::string legend = "<ul class=\"legend\">";
    const char *colours[] = {"#1db954", "#4f8cff", "#ff7a59", "#c86bfa", "#f5c518"};
    size_t c = 0;
    for (const auto &s : evo["series"]) {
      legend += "<li><span class=\"swatch\" style=\"background:" + std::string(colours[c++ % 5]) +
                "\"></span>" + text(s["artist"]["name"]) + "</li>";
    }
    legend += "</ul>";
    out += section("evolution", "Evolution",
                   evo["months"].empty() ? emptyNote("No months to compare yet.")
                                         : charts::evolutionLines(evo) + legend);
    out += "<div class=\"grid three\">";
    auto wk = stats::weekdays(in, names);
    out += section("weekdays", "Weekdays vs weekends",
                   "<dl><dt>Weekdays</dt><dd>" + html::thousands(wk["weekday"]["plays"]) +
                       " plays, " + html::decimal(wk["weekday"]["minutes_per_active_day"]) +
                       " min a day</dd><dt>Weekends</dt><dd>" +
                       html::thousands(wk["weekend"]["plays"]) + " plays, " +
                       html::decimal(wk["weekend"]["minutes_per_active_day"]) +
                       " min a day</dd></dl>");
    auto ses = stats::sessions(in);
    out += section("sessions", "Sessions",
                   "<dl><dt>Sessions</dt><dd>" + html::thousands(ses["count"]) +
                       "</dd><dt>Average</dt><dd>" + html::duration(ses["average_minutes"]) +
                       "</dd><dt>Longest</dt><dd>" +
                       (ses["longest"].is_null() ? std::string("—")
                                                 : html::duration(ses["longest"]["minutes"]) +
                                                       " on " + text(ses["longest"]["date"])) +
                       "</dd></dl>");
    auto pk = stats::peaks(in);
    out += section("peaks", "Peaks",
                   pk["peak_day"].is_null()
                       ? emptyNote("No peaks yet.")
                       : "<dl><dt>Peak day</dt><dd>" + text(pk["peak_day"]["date"]) + " (" +
                             html::thousands(pk["peak_day"]["plays"]) +
                             " plays)</dd><dt>Peak hour</dt><dd>" + text(pk["peak_hour"]["date"]) +
                             " " + std::to_string(pk["peak_hour"]["hour"].get<int>()) + ":00 (" +
                             html::thousands(pk["peak_hour"]["plays"]) +
                             " plays)</dd><dt>Busiest hour</dt><dd>" +
                             std::to_string(pk["busiest_hour_of_day"]["hour"].get<int>()) +
                             ":00</dd></dl>");
    auto st = stats::streaks(in, names, 3);
    std::string streakHtml = st["longest"].is_null()
                                 ? emptyNote("No streaks yet.")
                                 : "<p>Longest streak: <strong>" +
                                       html::thousands(st["longest"]["days"]) + " days</strong> (" +
                                       text(st["longest"]["from"]) + " – " +
                                       text(st["longest"]["to"]) + ")</p><ul>";
    if (!st["longest"].is_null()) {
      for (const auto &a : st["artists"]) {
        streakHtml += "<li>" + text(a["artist"]["name"]) + ": " + html::thousands(a["days"]) +
                      " days in a row</li>";
      }
      streakHtml += "</ul>";
    }
    out += section("streaks", "Streaks", streakHtml);
    auto disc = stats::discoveries(in, names, 5);
    out += section("discoveries", "Discoveries",
                   "<p>" + html::thousands(disc["new_artists"]) + " new artists and " +
                       html::thousands(disc["new_tracks"]) + " new tracks.</p>" +
                       rankedList(disc["artists"], "artists"));
    auto bg = stats::binges(in, names, params.minPlays, 5);
    std::string bingeHtml = bg["binges"].empty()
                                ? emptyNote("No track played " + std::to_string(params.minPlays) +
                                            " times in one day yet.")
                                : std::string("<ul>");
    for (const auto &b : bg["binges"]) {
      bingeHtml += "<li>" + text(b["track"]["name"]) + " — " + html::thousands(b["plays"]) +
                   " plays on " + text(b["date"]) + "</li>";
    }
    if (!bg["binges"].empty()) bingeHtml += "</ul>";
    out += section("binges", "Binged songs", bingeHtml);
    auto ms = stats::mainstream(in, names);
    std::string msHtml =
        ms["score"].is_null()
            ? emptyNote(
                  "No popularity data for these plays yet (it comes with the Spotify library).")
            : "<p>Average popularity <strong>" + html::decimal(ms["score"]) +
                  "/100</strong>: " + text(ms["label"]) +
                  ".</p><div class=\"split\"><span style=\"flex:" +
                  html::decimal(ms["mainstream_share"].get<double>() * 100 + 0.01) +
                  "\" class=\"main\">mainstream</span><span style=\"flex:" +
                  html::decimal(ms["in_between_share"].get<double>() * 100 + 0.01) +
                  "\" class=\"mid\">between</span><span style=\"flex:" +
                  html::decimal(ms["underground_share"].get<double>() * 100 + 0.01) +
                  "\" class=\"under\">underground</span></div><p class=\"muted\">Popularity known "
                  "for " +
                  html::decimal(ms["coverage"].get<double>() * 100) + "% of plays.</p>";
    out += section("mainstream", "Mainstream vs underground", msHtml);
    auto pers = stats::personality(in);
    std::string persHtml = pers["profile"].is_null()
                               ? emptyNote(pers["reason"].get<std::string>())
                               : "<p class=\"profile\" id=\"profile-name\">" +
                                     text(pers["profile"]) + "</p><p>" + text(pers["reason"]) +
                                     "</p><details><summary>How this was decided</summary><ul>";
    if (!pers["profile"].is_null()) {
      for (const auto &r : pers["rules"]) {
        persHtml += "<li>" + text(r["profile"]) + ": " + text(r["explanation"]) + "</li>";
      }
      persHtml += "</ul></details>";
    }
    out += section("personality", "Listening personality", persHtml);
    out += "</div>";
    return out;
  });
  return html::layout("Stats", "stats", body);
}

}  // namespace encore::pages
