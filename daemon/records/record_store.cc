#include "daemon/records/record_store.h"

#include <set>

#include "daemon/records/entity_pruner.h"
#include "daemon/records/plugin_kv.h"

namespace encore {

RecordStore::RecordStore(Store &store, Clock &clock, RecordHandlers handlers)
    : store_(store), clock_(clock), handlers_(std::move(handlers)) {}

void RecordStore::addObserver(EntityObserver *observer) {
  std::lock_guard<std::mutex> lock(observersMutex_);
  observers_.push_back(observer);
}

void RecordStore::notifyStored(const std::vector<StoredEntity> &entities) {
  if (entities.empty()) return;
  std::lock_guard<std::mutex> lock(observersMutex_);
  for (auto *o : observers_) o->onEntitiesStored(entities);
}

void RecordStore::notifyRemoved(const std::vector<StoredEntity> &entities) {
  if (entities.empty()) return;
  std::lock_guard<std::mutex> lock(observersMutex_);
  for (auto *o : observers_) o->onEntitiesRemoved(entities);
}

namespace {

void applyCheckpoint(Database &db, const std::string &plugin, const nlohmann::json &checkpoint,
                     int64_t now) {
  if (checkpoint.is_null()) return;
  if (!checkpoint.is_object()) throw RecordError("checkpoint: expected an object");
  for (const auto &[key, value] : checkpoint.items()) {
    if (key.empty() || key.size() > kMaxKvKeyLength) {
      throw RecordError("checkpoint: key '" + key.substr(0, 64) + "' must be 1..200 bytes");
    }
    if (value.is_null()) {
      kvRemove(db, plugin, key);
    } else if (value.is_string()) {
      const auto &s = value.get_ref<const std::string &>();
      if (s.size() > kMaxKvValueLength) throw RecordError("checkpoint." + key + ": over 1 MiB");
      kvSet(db, plugin, key, s, now);
    } else {
      throw RecordError("checkpoint." + key + ": expected a string or null");
    }
  }
}

void applyItemsDone(Database &db, const SubmitScope &scope, const nlohmann::json &items,
                    int64_t now) {
  if (items.is_null()) return;
  if (!items.is_array()) throw RecordError("items_done: expected an array of ids");
  if (scope.job.empty() || scope.itemType.empty()) {
    throw RecordError("items_done: only gradual jobs report items");
  }
  for (const auto &item : items) {
    if (!item.is_string()) throw RecordError("items_done: expected an array of ids");
    auto id = findEntity(db, scope.itemType, scope.source, item.get<std::string>());
    if (!id) continue;  // removed meanwhile: nothing to remember
    db.prepare(
          "INSERT INTO gradual_progress(job, entity_type, entity_id, synced_at) VALUES (?,?,?,?)"
          " ON CONFLICT(job, entity_type, entity_id) DO UPDATE SET synced_at = excluded.synced_at")
        ->bind(scope.job, scope.itemType, *id, now)
        .run();
  }
}

}  // namespace

SubmitResult RecordStore::submit(const SubmitScope &scope, std::string_view json) {
  SubmitResult result;
  if (json.size() > kMaxDocumentBytes) {
    result.error = "document of " + std::to_string(json.size()) + " bytes is over the 16 MiB limit";
    return result;
  }
  const int64_t now = clock_.nowMs();
  if (auto read = handlers_.readDocument(json, scope.source, now)) {
    // The reader checked these members; should nlohmann still disagree, the generic path
    // below reads the whole document.
    auto optionalJson = [](const std::optional<std::string> &text) {
      return text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    };
    auto checkpoint = optionalJson(read->checkpoint), itemsDone = optionalJson(read->itemsDone);
    if (!checkpoint.is_discarded() && !itemsDone.is_discarded()) {
      return storePage(scope, now, read->records, read->store, checkpoint, itemsDone);
    }
  }

  auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded()) {
    result.error = "document is not valid JSON";
    return result;
  }
  if (!doc.is_object()) {
    result.error = "document must be an object with a \"records\" array";
    return result;
  }
  auto records = doc.find("records");
  if (records != doc.end() && !records->is_array()) {
    result.error = "records: expected an array";
    return result;
  }
  if (records != doc.end() && records->size() > kMaxRecordsPerDocument) {
    result.error =
        "records: more than " + std::to_string(kMaxRecordsPerDocument) + " in one document";
    return result;
  }
  const int64_t count = records != doc.end() ? static_cast<int64_t>(records->size()) : 0;
  return storePage(
      scope, now, count,
      [&](WriteContext &ctx) {
        for (int64_t i = 0; i < count; ++i) {
          RecordReader record((*records)[static_cast<size_t>(i)],
                              "records[" + std::to_string(i) + "]");
          auto type = record.requiredString("type", 64);
          const auto *handler = handlers_.find(type);
          if (handler == nullptr) record.fail("type", "unknown record type '" + type + "'");
          (*handler)(ctx, record);
        }
      },
      doc.value("checkpoint", nlohmann::json()), doc.value("items_done", nlohmann::json()));
}

SubmitResult RecordStore::storePage(const SubmitScope &scope, int64_t now, int64_t records,
                                    const std::function<void(WriteContext &)> &storeRecords,
                                    const nlohmann::json &checkpoint,
                                    const nlohmann::json &itemsDone) {
  SubmitResult result;
  std::vector<StoredEntity> stored;
  std::vector<StoredEntity> removed;
  try {
    store_.write([&](Database &db) {
      WriteContext ctx{db, scope.source, now, stored, 0, 0, nullptr, {}};
      ctx.importId = scope.importId;
      ctx.removed = &removed;
      handlers_.beginPage(ctx);
      storeRecords(ctx);
      handlers_.endPage(ctx);
      applyCheckpoint(db, scope.source, checkpoint, now);
      applyItemsDone(db, scope, itemsDone, now);
    });
  } catch (const RecordError &e) {
    result.error = e.what();
    return result;
  }
  result.ok = true;
  result.records = records;
  notifyStored(stored);
  notifyRemoved(removed);
  return result;
}

void RecordStore::collectionBegin(const std::string &source, const std::string &collection) {
  const int64_t now = clock_.nowMs();
  store_.write([&](Database &db) {
    auto q =
        db.prepare("SELECT pass, open FROM collection_passes WHERE source = ? AND collection = ?");
    q->bind(source, collection);
    if (q->step()) {
      if (q->int64(1) == 1) return;  // an interrupted pass: continue it
      db.prepare(
            "UPDATE collection_passes SET pass = pass + 1, open = 1, started_at = ?, ended_at = "
            "NULL"
            " WHERE source = ? AND collection = ?")
          ->bind(now, source, collection)
          .run();
    } else {
      db.prepare(
            "INSERT INTO collection_passes(source, collection, pass, open, started_at)"
            " VALUES (?, ?, 1, 1, ?)")
          ->bind(source, collection, now)
          .run();
    }
  });
}

int64_t RecordStore::collectionEnd(const std::string &source, const std::string &collection,
                                   bool removeMissing) {
  std::vector<StoredEntity> removed;
  const int64_t now = clock_.nowMs();
  int64_t removedMembers = store_.write([&](Database &db) -> int64_t {
    int64_t pass = currentCollectionPass(db, source, collection);
    db.prepare(
          "UPDATE collection_passes SET open = 0, ended_at = ? WHERE source = ? AND collection = ?")
        ->bind(now, source, collection)
        .run();
    if (!removeMissing || pass == 0) return 0;
    std::vector<std::pair<std::string, int64_t>> gone;
    {
      auto q = db.prepare(
          "SELECT entity_type, entity_id FROM library_items"
          " WHERE source = ? AND collection = ? AND pass < ?");
      q->bind(source, collection, pass);
      while (q->step()) gone.emplace_back(q->text(0), q->int64(1));
    }
    db.prepare("DELETE FROM library_items WHERE source = ? AND collection = ? AND pass < ?")
        ->bind(source, collection, pass)
        .run();
    // Members that left the collection, and whatever only they kept (see entity_pruner.h).
    pruneEntities(db, source, gone, removed);
    return static_cast<int64_t>(gone.size());
  });
  notifyRemoved(removed);
  return removedMembers;
}

std::optional<std::string> RecordStore::entityField(const std::string &source,
                                                    const std::string &type,
                                                    const std::string &externalId,
                                                    const std::string &field) {
  static const std::set<std::string> kReadable = {
      "name",        "snapshot_id", "track_count", "images",       "updated_at",   "created_at",
      "url",         "popularity",  "genres",      "release_date", "total_tracks", "duration_ms",
      "description", "owner_id",    "uri",         "extra"};
  const char *table = entityTable(type);
  if (table == nullptr || kReadable.count(field) == 0) return std::nullopt;
  return store_.read([&](Database &db) -> std::optional<std::string> {
    // `field` is from the whitelist above: safe to splice into the statement text.
    auto q = db.prepare(std::string("SELECT ") + field + " FROM " + table +
                        " WHERE source = ? AND external_id = ?");
    q->bind(source, externalId);
    if (!q->step() || q->isNull(0)) return std::nullopt;
    return q->text(0);
  });
}

std::vector<std::string> RecordStore::staleItems(const std::string &job, const std::string &source,
                                                 const std::string &itemType,
                                                 const std::string &collection,
                                                 int64_t staleBeforeMs, int64_t limit) {
  const char *table = entityTable(itemType);
  if (table == nullptr || limit <= 0) return {};
  std::string sql = std::string("SELECT e.external_id FROM ") + table +
                    " e LEFT JOIN gradual_progress g ON g.job = ?1 AND g.entity_type = ?2"
                    " AND g.entity_id = e.id WHERE e.source = ?3"
                    " AND (g.synced_at IS NULL OR g.synced_at < ?4)";
  if (!collection.empty()) {
    sql +=
        " AND EXISTS (SELECT 1 FROM library_items l WHERE l.source = e.source"
        " AND l.collection = ?5 AND l.entity_type = ?2 AND l.entity_id = e.id)";
  } else {
    sql += " AND ?5 IS NOT NULL";
  }
  sql += " ORDER BY coalesce(g.synced_at, 0), e.id LIMIT ?6";
  return store_.read([&](Database &db) {
    std::vector<std::string> ids;
    auto q = db.prepare(sql);
    q->bind(job, itemType, source, staleBeforeMs, collection, limit);
    while (q->step()) ids.push_back(q->text(0));
    return ids;
  });
}

}  // namespace encore
