#include "daemon/records/plugin_kv.h"

namespace encore {

std::optional<std::string> kvGet(Database &db, const std::string &plugin, const std::string &key) {
  auto q = db.prepare("SELECT value FROM plugin_kv WHERE plugin = ? AND key = ?");
  q->bind(plugin, key);
  if (!q->step()) return std::nullopt;
  return q->text(0);
}

void kvSet(Database &db, const std::string &plugin, const std::string &key,
           const std::string &value, int64_t nowMs) {
  db.prepare(
        "INSERT INTO plugin_kv(plugin, key, value, updated_at) VALUES (?,?,?,?)"
        " ON CONFLICT(plugin, key) DO UPDATE SET value = excluded.value,"
        " updated_at = excluded.updated_at")
      ->bind(plugin, key, Blob{value.data(), value.size()}, nowMs)
      .run();
}

void kvRemove(Database &db, const std::string &plugin, const std::string &key) {
  db.prepare("DELETE FROM plugin_kv WHERE plugin = ? AND key = ?")->bind(plugin, key).run();
}

}  // namespace encore
