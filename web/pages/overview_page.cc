// /: what is connected, what synced last, what is stored.
#include "daemon/core/time_format.h"
#include "web/pages/html.h"
#include "web/pages/pages.h"

namespace encore::pages {
namespace {

int64_t count(Database &db, const char *sql) {
  auto q = db.prepare(sql);
  q->step();
  return q->int64(0);
}

std::string accountCell(WebServices &s, const Plugin &p) {
  if (!p.oauth) return "<span class=\"muted\">no account needed</span>";
  const std::string state = s.accountState ? s.accountState(p) : "not_connected";
  if (state == "connected") return "<span class=\"badge ok\">Connected</span>";
  const std::string label = state == "reconnect_needed" ? "Reconnect" : "Connect";
  return "<span class=\"badge warn\">" +
         std::string(state == "reconnect_needed" ? "Reconnect needed" : "Not connected") +
         "</span> <a class=\"button\" href=\"/auth/" + html::escape(p.id) + "/login\">" + label +
         "</a>";
}

}  // namespace

std::string overview(WebServices &s, StatsEngine &engine) {
  std::string body = "<h1>Overview</h1><section class=\"panel\" id=\"plugins\"><h2>Sources</h2>";
  if (s.plugins.plugins().empty()) {
    body += emptyNote("No plugins found in the plugin directory.");
  } else {
    body += "<table><thead><tr><th>Plugin</th><th>Status</th><th>Account</th></tr></thead><tbody>";
    for (const auto &p : s.plugins.plugins()) {
      const bool loaded = p->status == Plugin::Status::Loaded;
      body += "<tr data-plugin=\"" + html::escape(p->id) + "\"><td>" +
              html::escape(loaded ? p->name : p->id) +
              (loaded ? " <span class=\"muted\">" + html::escape(p->version) + "</span>" : "") +
              "</td><td>" +
              (loaded ? "<span class=\"badge ok\">loaded</span>"
                      : "<span class=\"badge bad\">refused</span> <span class=\"muted\">" +
                            html::escape(p->reason) + "</span>") +
              "</td><td>" + (loaded ? accountCell(s, *p) : "") + "</td></tr>";
    }
    body += "</tbody></table>";
  }
  body += "</section><section class=\"panel\" id=\"last-syncs\"><h2>Last syncs</h2>";
  auto jobs = s.scheduler.status();
  if (jobs.empty()) {
    body += emptyNote("No sync jobs yet.");
  } else {
    body += "<table><thead><tr><th>Job</th><th>Last run</th><th>Result</th></tr></thead><tbody>";
    for (const auto &j : jobs) {
      std::string when = "never", result = "—";
      if (j.lastRun) {
        when = j.lastRun->endedAt > 0 ? formatIsoUtc(j.lastRun->endedAt) : "running";
        result = j.lastRun->status + (j.lastRun->error.empty() ? "" : ": " + j.lastRun->error);
      }
      body += "<tr><td>" + html::escape(j.spec.title) + " <span class=\"muted\">" +
              html::escape(j.spec.id) + "</span></td><td><time>" + html::escape(when) +
              "</time></td><td>" + html::escape(result) + "</td></tr>";
    }
    body += "</tbody></table><p><a href=\"/workers\">All workers →</a></p>";
  }
  body += "</section><section class=\"panel\" id=\"db-stats\"><h2>Stored</h2><div class=\"cards\">";
  s.store.read([&](Database &db) {
    struct Row {
      const char *label, *sql;
    };
    const Row rows[] = {
        {"plays", "SELECT count(*) FROM plays"},
        {"artists", "SELECT count(*) FROM artists"},
        {"followed artists",
         "SELECT count(*) FROM library_items WHERE collection = 'followed_artists'"},
        {"albums", "SELECT count(*) FROM albums"},
        {"tracks", "SELECT count(*) FROM tracks"},
        {"playlists", "SELECT count(*) FROM playlists WHERE is_liked_songs = 0"}};
    for (const auto &r : rows) {
      body += "<div class=\"card\"><div class=\"value\">" + html::thousands(count(db, r.sql)) +
              "</div><div class=\"label\">" + r.label + "</div></div>";
    }
  });
  body += "</div><p class=\"muted\">Statistics in " + html::escape(engine.timeZoneName()) +
          " time (<a href=\"/settings#server\">change</a>).</p></section>";
  // Years of history come from export files: Spotify's "Download your data" zip (or the
  // JSON files in it) and Last.fm scrobble CSVs. The script uploads and follows progress.
  body +=
      "<section class=\"panel\" id=\"import\"><h2>Import history</h2>"
      "<p class=\"muted\">Your Spotify data export (<code>my_spotify_data.zip</code> or its "
      "<code>.json</code> files) or a Last.fm scrobble <code>.csv</code>. Importing the same file "
      "again adds nothing.</p><form id=\"import-form\"><input type=\"file\" id=\"import-file\" "
      "name=\"file\" accept=\".zip,.json,.csv\" required> <button type=\"submit\">Import</button>"
      "</form><p id=\"import-status\" role=\"status\"></p></section>";
  return html::layout("Overview", "overview", body);
}

std::string settings() {
  return html::layout(
      "Settings", "settings",
      "<h1>Settings</h1><p class=\"muted\">Changes apply on the next cycle, without a restart.</p>"
      "<form id=\"settings-form\" novalidate><div id=\"settings-root\"><p "
      "class=\"empty\">Loading…</p>"
      "</div><div class=\"actions\"><button type=\"submit\" id=\"save-settings\">Save</button>"
      "<span id=\"save-status\" role=\"status\"></span></div></form>"
      "<section class=\"panel\" id=\"image-usage\" hidden><h2>Image disk usage</h2>"
      "<div id=\"image-stats\"></div></section>");
}

}  // namespace encore::pages
