// /workers (filled and refreshed live by app.js from /api/workers) and /playlists.
#include "daemon/playlists/smart_playlists.h"
#include "web/pages/html.h"
#include "web/pages/pages.h"

namespace encore::pages {

std::string workers(WebServices &) {
  return html::layout(
      "Workers", "workers",
      "<h1>Workers</h1><p class=\"muted\">Refreshes every two seconds. <span "
      "id=\"workers-updated\"></span></p>"
      "<div class=\"table-wrap\"><table "
      "id=\"workers\"><thead><tr><th>Job</th><th>State</th><th>Breaker</th>"
      "<th>Rate limit</th><th>Cooldown</th><th>Last run</th><th>Next</th><th>Last "
      "error</th><th></th></tr></thead>"
      "<tbody><tr><td colspan=\"9\" class=\"empty\">Loading…</td></tr></tbody></table></div>"
      "<p id=\"run-status\" role=\"status\"></p>");
}

std::string playlists(SmartPlaylists &smart) {
  nlohmann::json all = smart.overview(true);
  const auto &sink = all["sink"];
  std::string body = "<h1>Smart playlists</h1><section class=\"panel\" id=\"push\"><p>";
  if (sink["available"].get<bool>()) {
    body += "Pushed to your account through the <strong>" +
            html::escape(sink["plugin"].get<std::string>()) + "</strong> plugin" +
            (all["auto_push"].get<bool>()
                 ? " every " + std::to_string(all["push_interval_hours"].get<int64_t>()) + " hours."
                 : " when you press the button (scheduled pushes are off in Settings).");
  } else {
    body += "<span class=\"badge warn\">Cannot push</span> " +
            html::escape(sink["problem"].get<std::string>()) + ".";
  }
  body += "</p><button id=\"push-now\" type=\"button\"" +
          std::string(sink["available"].get<bool>() ? "" : " disabled") +
          ">Push now</button> <span id=\"push-status\" role=\"status\"></span></section><div "
          "class=\"grid three\">";
  for (const auto &p : all["playlists"]) {
    const std::string key = p["key"].get<std::string>();
    body += "<section class=\"panel playlist\" id=\"playlist-" + html::escape(key) + "\"><h2>" +
            html::escape(p["name"].get<std::string>()) + "</h2><p class=\"muted\">" +
            html::escape(p["description"].get<std::string>()) + "</p>";
    const auto &last = p["last_push"];
    body += "<p class=\"last-push\">";
    if (last.is_null()) {
      body += "Not pushed yet.";
    } else if (last["error"].is_string()) {
      body += "<span class=\"badge warn\">Last attempt</span> " +
              html::escape(last["error"].get<std::string>());
    } else {
      body += "<span class=\"badge ok\">Pushed</span> " +
              html::escape(last["pushed_at"].get<std::string>());
      if (last["url"].is_string())
        body += " · <a href=\"" + html::escape(last["url"].get<std::string>()) + "\">open</a>";
    }
    body += "</p>";
    if (p["tracks"].empty()) {
      body += emptyNote("No tracks for this playlist yet.");
    } else {
      body += "<ol class=\"tracks\">";
      for (const auto &t : p["tracks"]) {
        body += "<li>" + html::escape(t["name"].get<std::string>()) + " <span class=\"muted\">" +
                html::escape(t["artist"].is_string() ? t["artist"].get<std::string>() : "") +
                "</span></li>";
      }
      body += "</ol>";
    }
    if (p["left_out_without_spotify_uri"].get<int64_t>() > 0) {
      body += "<p class=\"muted\">" + html::thousands(p["left_out_without_spotify_uri"]) +
              " tracks left out: not known on Spotify.</p>";
    }
    body += "</section>";
  }
  body += "</div>";
  return html::layout("Playlists", "playlists", body);
}

}  // namespace encore::pages
