// encore.records/1: documents of records, collection passes, stored fields.
#include <Poco/Logger.h>

#include "daemon/plugin_host/host_services.h"
#include "daemon/records/record_handlers.h"

namespace encore::services {
namespace {

int32_t submit(encore_run *run, const char *json, size_t len, char **errorOut) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || (json == nullptr && len > 0)) return ENCORE_E_INVALID_ARGUMENT;
    if (run->cancel != nullptr && run->cancel->cancelled()) return ENCORE_E_CANCELLED;
    auto result = run->plugin->context->records.submit(run->scope, std::string_view(json, len));
    if (!result.ok) {
      // A rejected page fails the run whatever the plugin does next: stored data stays as
      // it was, and the reason is recorded with the run.
      if (run->failure.empty()) run->failure = "rejected records: " + result.error;
      run->lastError = result.error;
      Poco::Logger::get("plugin." + run->plugin->id).error("rejected records: %s", result.error);
      setError(errorOut, result.error);
      return ENCORE_E_REJECTED;
    }
    run->recordsStored += result.records;
    return ENCORE_OK;
  });
}

int32_t collectionBegin(encore_run *run, const char *collection) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || collection == nullptr || !validCollectionName(collection)) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    run->plugin->context->records.collectionBegin(run->scope.source, collection);
    return ENCORE_OK;
  });
}

int32_t collectionEnd(encore_run *run, const char *collection, int32_t flags) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || collection == nullptr || !validCollectionName(collection)) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    if (run->cancel != nullptr && run->cancel->cancelled()) return ENCORE_E_CANCELLED;
    if (!run->failure.empty()) {
      // A page of this pass was rejected: ending the pass would remove what that page held.
      return ENCORE_E_REJECTED;
    }
    run->plugin->context->records.collectionEnd(run->scope.source, collection,
                                                (flags & ENCORE_COLLECTION_REMOVE_MISSING) != 0);
    return ENCORE_OK;
  });
}

int32_t getField(encore_run *run, const char *type, const char *id, const char *field,
                 char **valueOut) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || type == nullptr || id == nullptr || field == nullptr ||
        valueOut == nullptr) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    auto value = run->plugin->context->records.entityField(run->scope.source, type, id, field);
    if (!value) return ENCORE_E_NOT_FOUND;
    *valueOut = hostCopy(*value);
    return ENCORE_OK;
  });
}

}  // namespace

const encore_records_v1 *recordsV1() {
  static const encore_records_v1 table = {sizeof(encore_records_v1), submit, collectionBegin,
                                          collectionEnd, getField};
  return &table;
}

}  // namespace encore::services
