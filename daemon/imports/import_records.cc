#include "daemon/imports/import_records.h"

#include <cstdio>
#include <filesystem>

#include "daemon/core/time_format.h"
#include "daemon/history/import_rollback.h"

namespace encore {
namespace {

ImportRow readImport(Statement &q) {
  return {q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4), q.text(5), q.text(6)};
}

constexpr const char *kImportColumns = "id, origin, file_name, path, size, fingerprint, state";

}  // namespace

std::string fileFingerprint(const std::string &path) {
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return {};
  uint64_t hash = 1469598103934665603ULL;
  auto mix = [&](const std::vector<unsigned char> &bytes) {
    for (unsigned char b : bytes) hash = (hash ^ b) * 1099511628211ULL;
  };
  if (std::FILE *f = std::fopen(path.c_str(), "rb")) {
    std::vector<unsigned char> buf(64 * 1024);
    buf.resize(std::fread(buf.data(), 1, buf.size(), f));
    mix(buf);
    if (size > 2 * buf.capacity()) {
      fseeko(f, -static_cast<off_t>(64 * 1024), SEEK_END);
      buf.resize(64 * 1024);
      buf.resize(std::fread(buf.data(), 1, buf.size(), f));
      mix(buf);
    }
    std::fclose(f);
  }
  char out[64];
  std::snprintf(out, sizeof out, "size:%llu:%016llx", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(hash));
  return out;
}

int64_t ImportRecords::create(const ImportRow &row) {
  return store_.write([&](Database &db) {
    db.prepare(
          "INSERT INTO imports (origin, file_name, path, size, fingerprint, state, created_at,"
          " updated_at) VALUES (?,?,?,?,?,'queued',?,?)")
        ->bind(row.origin, row.fileName, row.path, row.size, row.fingerprint, clock_.nowMs(),
               clock_.nowMs())
        .run();
    return db.lastInsertRowId();
  });
}

std::optional<ImportRow> ImportRecords::find(int64_t id) {
  return store_.read([&](Database &db) -> std::optional<ImportRow> {
    auto q = db.prepare(std::string("SELECT ") + kImportColumns + " FROM imports WHERE id = ?");
    q->bind(id);
    if (!q->step()) return std::nullopt;
    return readImport(*q);
  });
}

std::vector<ImportRow> ImportRecords::unfinished() {
  return store_.read([&](Database &db) {
    std::vector<ImportRow> out;
    auto q = db.prepare(std::string("SELECT ") + kImportColumns +
                        " FROM imports WHERE state IN ('queued', 'running') ORDER BY id");
    while (q->step()) out.push_back(readImport(*q));
    return out;
  });
}

std::optional<ImportRow> ImportRecords::unfinishedLike(const std::string &fingerprint) {
  for (auto &row : unfinished()) {
    if (row.fingerprint == fingerprint) return row;
  }
  return std::nullopt;
}

void ImportRecords::setState(int64_t id, const std::string &state, const std::string &error) {
  store_.write([&](Database &db) {
    db.prepare("UPDATE imports SET state = ?, error = ?, updated_at = ? WHERE id = ?")
        ->bind(state, error.empty() ? std::optional<std::string>() : error, clock_.nowMs(), id)
        .run();
  });
}

std::vector<ImportFileRow> ImportRecords::files(int64_t id) {
  return store_.read([&](Database &db) {
    std::vector<ImportFileRow> out;
    auto q = db.prepare(
        "SELECT seq, name, coalesce(importer, ''), state, processed, total, coalesce(note, '')"
        " FROM import_files WHERE import_id = ? ORDER BY seq");
    q->bind(id);
    while (q->step()) {
      out.push_back(
          {q->int64(0), q->text(1), q->text(2), q->text(3), q->int64(4), q->int64(5), q->text(6)});
    }
    return out;
  });
}

void ImportRecords::addFile(int64_t id, const ImportFileRow &f) {
  store_.write([&](Database &db) {
    db.prepare(
          "INSERT INTO import_files (import_id, seq, name, importer, state, processed, total, note)"
          " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")
        ->bind(id, f.seq, f.name, f.importer.empty() ? std::optional<std::string>() : f.importer,
               f.state, f.processed, f.total,
               f.note.empty() ? std::optional<std::string>() : f.note)
        .run();
  });
}

void ImportRecords::updateFile(int64_t id, const ImportFileRow &f) {
  store_.write([&](Database &db) {
    db.prepare(
          "UPDATE import_files SET importer = ?, state = ?, processed = ?, total = ?, note = ?"
          " WHERE import_id = ? AND seq = ?")
        ->bind(f.importer.empty() ? std::optional<std::string>() : f.importer, f.state, f.processed,
               f.total, f.note.empty() ? std::optional<std::string>() : f.note, id, f.seq)
        .run();
    db.prepare(
          "UPDATE imports SET processed = (SELECT sum(processed) FROM import_files WHERE import_id "
          "= ?1),"
          " updated_at = ?2 WHERE id = ?1")
        ->bind(id, clock_.nowMs())
        .run();
  });
}

void ImportRecords::saveProgress(int64_t id, int64_t seq, int64_t processed, int64_t total,
                                 const std::map<std::string, int64_t> &newSkips) {
  store_.write([&](Database &db) {
    db.prepare("UPDATE import_files SET processed = ?, total = ? WHERE import_id = ? AND seq = ?")
        ->bind(processed, total, id, seq)
        .run();
    for (const auto &[reason, count] : newSkips) {
      db.prepare(
            "INSERT INTO import_skips (import_id, reason, count) VALUES (?,?,?)"
            " ON CONFLICT (import_id, reason) DO UPDATE SET count = count + excluded.count")
          ->bind(id, reason, count)
          .run();
    }
    db.prepare(
          "UPDATE imports SET processed = (SELECT sum(processed) FROM import_files WHERE import_id "
          "= ?1),"
          " total = CASE WHEN (SELECT min(total) FROM import_files WHERE import_id = ?1"
          "   AND state NOT IN ('skipped')) < 0 THEN -1"
          "   ELSE (SELECT sum(total) FROM import_files WHERE import_id = ?1"
          "   AND state NOT IN ('skipped')) END,"
          " updated_at = ?2 WHERE id = ?1")
        ->bind(id, clock_.nowMs())
        .run();
  });
}

void ImportRecords::finishDone(int64_t id) {
  store_.write([&](Database &db) {
    db.prepare(
          "UPDATE imports SET state = 'done', error = NULL, finished_at = ?2, updated_at = ?2,"
          " added = (SELECT count(*) FROM plays WHERE import_id = ?1),"
          " processed = (SELECT coalesce(sum(processed), 0) FROM import_files WHERE import_id = "
          "?1),"
          " total = (SELECT coalesce(sum(processed), 0) FROM import_files WHERE import_id = ?1)"
          " WHERE id = ?1")
        ->bind(id, clock_.nowMs())
        .run();
  });
}

void ImportRecords::finishFailed(int64_t id, const std::string &error) {
  store_.write([&](Database &db) {
    removeImportedPlays(db, id);
    db.prepare(
          "UPDATE imports SET state = 'failed', error = ?2, added = 0, finished_at = ?3,"
          " updated_at = ?3 WHERE id = ?1")
        ->bind(id, error, clock_.nowMs())
        .run();
  });
}

std::optional<nlohmann::json> ImportRecords::describe(int64_t id) {
  return store_.read([&](Database &db) -> std::optional<nlohmann::json> {
    auto q = db.prepare(
        "SELECT id, origin, file_name, state, error, processed, total, added, created_at,"
        " finished_at FROM imports WHERE id = ?");
    q->bind(id);
    if (!q->step()) return std::nullopt;
    auto opt = [&](int col) {
      return q->isNull(col) ? nlohmann::json() : nlohmann::json(q->text(col));
    };
    nlohmann::json out = {
        {"id", q->int64(0)},
        {"origin", q->text(1)},
        {"file_name", q->text(2)},
        {"state", q->text(3)},
        {"error", opt(4)},
        {"processed", q->int64(5)},
        {"total", q->int64(6) < 0 ? nlohmann::json() : nlohmann::json(q->int64(6))},
        {"added", q->int64(7)},
        {"created_at", formatIsoUtc(q->int64(8))},
        {"finished_at",
         q->isNull(9) ? nlohmann::json() : nlohmann::json(formatIsoUtc(q->int64(9)))}};
    q->run();
    nlohmann::json reasons = nlohmann::json::object();
    int64_t skipped = 0;
    auto s =
        db.prepare("SELECT reason, count FROM import_skips WHERE import_id = ? ORDER BY reason");
    s->bind(id);
    while (s->step()) {
      reasons[s->text(0)] = s->int64(1);
      skipped += s->int64(1);
    }
    out["skipped"] = {{"total", skipped}, {"reasons", reasons}};
    nlohmann::json files = nlohmann::json::array();
    auto f = db.prepare(
        "SELECT name, importer, state, processed, total, note FROM import_files"
        " WHERE import_id = ? ORDER BY seq");
    f->bind(id);
    while (f->step()) {
      files.push_back({{"name", f->text(0)},
                       {"importer", f->isNull(1) ? nlohmann::json() : nlohmann::json(f->text(1))},
                       {"state", f->text(2)},
                       {"processed", f->int64(3)},
                       {"total", f->int64(4) < 0 ? nlohmann::json() : nlohmann::json(f->int64(4))},
                       {"note", f->isNull(5) ? nlohmann::json() : nlohmann::json(f->text(5))}});
    }
    out["files"] = files;
    return out;
  });
}

nlohmann::json ImportRecords::list(int limit) {
  std::vector<int64_t> ids = store_.read([&](Database &db) {
    std::vector<int64_t> out;
    auto q = db.prepare("SELECT id FROM imports ORDER BY id DESC LIMIT ?");
    q->bind(limit);
    while (q->step()) out.push_back(q->int64(0));
    return out;
  });
  nlohmann::json list = nlohmann::json::array();
  for (int64_t id : ids) {
    if (auto d = describe(id)) list.push_back(std::move(*d));
  }
  return list;
}

}  // namespace encore
