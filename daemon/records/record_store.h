// Where plugins' records go: a page (one records document) is validated and stored in ONE
// transaction together with its checkpoint and gradual progress, then observers (the
// artwork cache) hear what was stored. Also the collection passes that let a full re-read
// remove what disappeared upstream.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/clock.h"
#include "daemon/records/entity_writer.h"
#include "daemon/records/record_handlers.h"
#include "daemon/store/store.h"

namespace encore {

class EntityObserver {
 public:
  virtual ~EntityObserver() = default;
  /// After commit: entities a page stored (artwork queues their images).
  virtual void onEntitiesStored(const std::vector<StoredEntity> &entities) = 0;
  /// After commit: entities deleted (artwork deletes their files).
  virtual void onEntitiesRemoved(const std::vector<StoredEntity> &entities) = 0;
};

/// What one run is allowed to touch: its source, and for gradual jobs its items.
struct SubmitScope {
  std::string source;  // plugin id
  std::string job;     // full job id, for gradual progress; "" otherwise
  std::string itemType;
  int64_t importId = 0;  // set for an importer's run: its plays can be rolled back
};

struct SubmitResult {
  bool ok = false;
  std::string error;    // the first bad record, when !ok
  int64_t records = 0;  // records stored
};

class RecordStore {
 public:
  static constexpr size_t kMaxDocumentBytes = 16u << 20;
  static constexpr size_t kMaxRecordsPerDocument = 50'000;

  RecordStore(Store &store, Clock &clock, RecordHandlers handlers);

  void addObserver(EntityObserver *observer);

  /// Validates and stores one document (see encore.records/1). Nothing is stored unless
  /// every record is valid.
  SubmitResult submit(const SubmitScope &scope, std::string_view json);

  void collectionBegin(const std::string &source, const std::string &collection);
  /// Ends the pass; with removeMissing, members not seen in it leave the collection, and
  /// entities left in no collection and referenced by nothing are deleted. Returns the
  /// number of members removed.
  int64_t collectionEnd(const std::string &source, const std::string &collection,
                        bool removeMissing);

  /// A stored column of an entity, as text: for change detection (snapshot_id, ...).
  std::optional<std::string> entityField(const std::string &source, const std::string &type,
                                         const std::string &externalId, const std::string &field);

  /// Gradual jobs: up to `limit` external ids of `itemType` entities of `source` that `job`
  /// never processed or processed before `staleBeforeMs`, oldest first. With a
  /// `collection`, only members of it.
  std::vector<std::string> staleItems(const std::string &job, const std::string &source,
                                      const std::string &itemType, const std::string &collection,
                                      int64_t staleBeforeMs, int64_t limit);

 private:
  /// Stores one page in one transaction: the page hooks around `storeRecords`, then the
  /// checkpoint and gradual progress.
  SubmitResult storePage(const SubmitScope &scope, int64_t now, int64_t records,
                         const std::function<void(WriteContext &)> &storeRecords,
                         const nlohmann::json &checkpoint, const nlohmann::json &itemsDone);
  void notifyStored(const std::vector<StoredEntity> &entities);
  void notifyRemoved(const std::vector<StoredEntity> &entities);

  Store &store_;
  Clock &clock_;
  RecordHandlers handlers_;
  std::mutex observersMutex_;
  std::vector<EntityObserver *> observers_;
};

}  // namespace encore
