#include "daemon/app/db_pause_store.h"

namespace encore {

std::vector<HostPause> DbPauseStore::loadPauses() {
  return store_.read([](Database &db) {
    std::vector<HostPause> out;
    auto q = db.prepare("SELECT host, until_ms, reason, plugin FROM host_pauses");
    while (q->step()) out.push_back({q->text(0), q->int64(1), q->text(2), q->text(3)});
    return out;
  });
}

void DbPauseStore::savePause(const HostPause &pause) {
  store_.write([&](Database &db) {
    db.prepare(
          "INSERT INTO host_pauses(host, until_ms, reason, plugin) VALUES (?,?,?,?)"
          " ON CONFLICT(host) DO UPDATE SET until_ms = excluded.until_ms,"
          " reason = excluded.reason, plugin = excluded.plugin")
        ->bind(pause.host, pause.untilMs, pause.reason, pause.plugin)
        .run();
  });
}

}  // namespace encore
