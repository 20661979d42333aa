#include "artwork/artwork_table.h"

namespace encore {
namespace {

/// Rows whose file is missing or stale: the predicate of the partial index
/// artwork_pending, spelled the same so SQLite uses it.
constexpr const char *kPendingRows = "url IS NOT NULL AND (file_url IS NULL OR file_url <> url)";

}  // namespace

std::vector<ArtworkKey> ArtworkTable::applyWanted(const std::vector<WantedImage> &wanted,
                                                  int64_t nowMs) {
  std::vector<ArtworkKey> dropped;
  if (wanted.empty()) return dropped;
  store_.write([&](Database &db) {
    for (const auto &w : wanted) {
      if (!w.url) {
        auto del = db.prepare(
            "DELETE FROM artwork WHERE source = ? AND kind = ? AND external_id = ?"
            " RETURNING file_url");
        del->bind(w.key.source, w.key.kind, w.key.id);
        if (del->step()) {
          del->run();
          dropped.push_back(w.key);
        }
        continue;
      }
      db.prepare(
            "INSERT INTO artwork(source, kind, external_id, url, updated_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(source, kind, external_id) DO UPDATE SET"
            " error = CASE WHEN url IS excluded.url THEN error ELSE NULL END,"
            " error_at = CASE WHEN url IS excluded.url THEN error_at ELSE NULL END,"
            " permanent = CASE WHEN url IS excluded.url THEN permanent ELSE 0 END,"
            " attempts = CASE WHEN url IS excluded.url THEN attempts ELSE 0 END,"
            " retry_at = CASE WHEN url IS excluded.url THEN retry_at ELSE 0 END,"
            " updated_at = CASE WHEN url IS excluded.url THEN updated_at ELSE excluded.updated_at "
            "END,"
            " url = excluded.url")
          ->bind(w.key.source, w.key.kind, w.key.id, *w.url, nowMs)
          .run();
    }
  });
  return dropped;
}

std::optional<ArtworkRow> ArtworkTable::find(const ArtworkKey &key) {
  return store_.read([&](Database &db) -> std::optional<ArtworkRow> {
    auto q = db.prepare(
        "SELECT url, file_url, attempts FROM artwork WHERE source = ? AND kind = ? AND"
        " external_id = ?");
    q->bind(key.source, key.kind, key.id);
    if (!q->step()) return std::nullopt;
    return ArtworkRow{q->optText(0), q->optText(1), q->int64(2)};
  });
}

std::vector<std::string> ArtworkTable::sources() {
  return store_.read([](Database &db) {
    std::vector<std::string> out;
    auto q = db.prepare("SELECT DISTINCT source FROM artwork");
    while (q->step()) out.push_back(q->text(0));
    return out;
  });
}

std::vector<ArtworkKey> ArtworkTable::pending(const std::string &source, int64_t nowMs,
                                              int64_t limit) {
  return store_.read([&](Database &db) {
    std::vector<ArtworkKey> out;
    auto q = db.prepare(std::string("SELECT kind, external_id FROM artwork WHERE source = ? AND ") +
                        kPendingRows + " AND retry_at <= ? ORDER BY retry_at LIMIT ?");
    q->bind(source, nowMs, limit);
    while (q->step()) out.push_back({source, q->text(0), q->text(1)});
    return out;
  });
}

std::optional<int64_t> ArtworkTable::nextRetryAt(const std::string &source, int64_t nowMs) {
  return store_.read([&](Database &db) -> std::optional<int64_t> {
    auto q = db.prepare(std::string("SELECT min(retry_at) FROM artwork WHERE source = ? AND ") +
                        kPendingRows + " AND retry_at > ?");
    q->bind(source, nowMs);
    if (!q->step()) return std::nullopt;
    return q->optInt64(0);
  });
}

void ArtworkTable::record(const std::vector<ArtworkResult> &results, int64_t nowMs) {
  if (results.empty()) return;
  store_.write([&](Database &db) {
    for (const auto &r : results) {
      if (r.stored) {
        db.prepare(
              "UPDATE artwork SET file_url = ?1, bytes = ?2, stored_at = ?3, updated_at = ?3,"
              " error = CASE WHEN url IS ?1 THEN NULL ELSE error END,"
              " error_at = CASE WHEN url IS ?1 THEN NULL ELSE error_at END,"
              " attempts = CASE WHEN url IS ?1 THEN 0 ELSE attempts END"
              " WHERE source = ?4 AND kind = ?5 AND external_id = ?6")
            ->bind(r.url, r.bytes, nowMs, r.key.source, r.key.kind, r.key.id)
            .run();
      } else {
        db.prepare(
              "UPDATE artwork SET error = ?, error_at = ?, permanent = ?, attempts = attempts + 1,"
              " retry_at = ?, updated_at = ? WHERE source = ? AND kind = ? AND external_id = ?"
              " AND url = ?")
            ->bind(r.failure.error, nowMs, r.failure.permanent ? 1 : 0, r.failure.retryAt, nowMs,
                   r.key.source, r.key.kind, r.key.id, r.url)
            .run();
      }
    }
  });
}

void ArtworkTable::remove(const std::vector<ArtworkKey> &keys) {
  if (keys.empty()) return;
  store_.write([&](Database &db) {
    for (const auto &key : keys) {
      db.prepare("DELETE FROM artwork WHERE source = ? AND kind = ? AND external_id = ?")
          ->bind(key.source, key.kind, key.id)
          .run();
    }
  });
}

std::map<std::string, KindUsage> ArtworkTable::usage(const std::string &source) {
  return store_.read([&](Database &db) {
    std::map<std::string, KindUsage> out;
    auto q = db.prepare(std::string("SELECT kind, count(*) FILTER (WHERE file_url IS NOT NULL),"
                                    " coalesce(sum(bytes) FILTER (WHERE file_url IS NOT NULL), 0),"
                                    " count(*) FILTER (WHERE error IS NULL AND ") +
                        kPendingRows +
                        "), count(*) FILTER (WHERE error IS NOT NULL)"
                        " FROM artwork WHERE source = ? GROUP BY kind");
    q->bind(source);
    while (q->step()) out[q->text(0)] = {q->int64(1), q->int64(2), q->int64(3), q->int64(4)};
    return out;
  });
}

std::vector<ArtworkError> ArtworkTable::recentErrors(const std::string &source, int64_t limit) {
  return store_.read([&](Database &db) {
    std::vector<ArtworkError> out;
    auto q = db.prepare(
        "SELECT source, kind, external_id, url, error, permanent, error_at, attempts, retry_at"
        " FROM artwork WHERE error IS NOT NULL AND (?1 = '' OR source = ?1)"
        " ORDER BY error_at DESC LIMIT ?2");
    q->bind(source, limit);
    while (q->step()) {
      out.push_back({{q->text(0), q->text(1), q->text(2)},
                     q->optText(3).value_or(""),
                     q->text(4),
                     q->int64(5) != 0,
                     q->int64(6),
                     q->int64(7),
                     q->int64(8)});
    }
    return out;
  });
}

std::set<std::string> ArtworkTable::idsWithFiles(const std::string &source,
                                                 const std::string &kind) {
  return store_.read([&](Database &db) {
    std::set<std::string> out;
    auto q = db.prepare(
        "SELECT external_id FROM artwork WHERE source = ? AND kind = ? AND file_url IS NOT NULL");
    q->bind(source, kind);
    while (q->step()) out.insert(q->text(0));
    return out;
  });
}

void ArtworkTable::forgetFile(const ArtworkKey &key) {
  store_.write([&](Database &db) {
    db.prepare(
          "UPDATE artwork SET file_url = NULL, bytes = 0 WHERE source = ? AND kind = ? AND"
          " external_id = ?")
        ->bind(key.source, key.kind, key.id)
        .run();
  });
}

std::vector<ArtworkKey> ArtworkTable::removeOrphanRows() {
  return store_.write([](Database &db) {
    std::vector<ArtworkKey> out;
    for (const auto &kind : kArtworkKinds) {
      // The folder names are the entity tables' names; both come from kArtworkKinds.
      auto q = db.prepare(std::string("DELETE FROM artwork WHERE kind = ?1 AND NOT EXISTS (SELECT 1"
                                      " FROM ") +
                          kind.folder +
                          " e WHERE e.source = artwork.source AND e.external_id ="
                          " artwork.external_id) RETURNING source, external_id");
      q->bind(kind.folder);
      while (q->step()) out.push_back({q->text(0), kind.folder, q->text(1)});
    }
    // Rows of kinds this version does not know are left alone.
    return out;
  });
}

}  // namespace encore
