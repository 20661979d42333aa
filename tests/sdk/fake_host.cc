#include "fake_host.h"

#include <cstdlib>
#include <cstring>

namespace encore::test {
namespace {

FakeHost &fakeOf(const encore_host *host) {
  return *static_cast<FakeHost *>(host->host_data);
}
FakeHost &fakeOf(encore_run *run) {
  return *reinterpret_cast<FakeHost *>(run);
}

char *copy(const std::string &text) {
  char *out = static_cast<char *>(std::malloc(text.size() + 1));
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

}  // namespace

FakeHost::FakeHost() {
  host.struct_size = sizeof host;
  host.abi_major = ENCORE_ABI_MAJOR;
  host.abi_minor = ENCORE_ABI_MINOR;
  host.plugin_id = "fake";
  host.host_data = this;
  host.free = [](const encore_host *h, void *p) {
    if (p != nullptr) ++fakeOf(h).freed;
    std::free(p);
  };
  host.get_service = [](const encore_host *h, const char *id) -> const void * {
    FakeHost &f = fakeOf(h);
    if (std::strcmp(id, ENCORE_LOG_SERVICE_V1) == 0) return &f.log;
    if (std::strcmp(id, ENCORE_RUN_SERVICE_V1) == 0) {
      f.run.struct_size = static_cast<uint32_t>(f.olderRunTable ? offsetof(encore_run_v1, set_error)
                                                                : sizeof(encore_run_v1));
      return &f.run;
    }
    if (std::strcmp(id, ENCORE_HTTP_SERVICE_V1) == 0) {
      f.http.struct_size = static_cast<uint32_t>(
          f.olderHttpTable ? offsetof(encore_http_v1, pause_host) : sizeof(encore_http_v1));
      return &f.http;
    }
    if (std::strcmp(id, ENCORE_RECORDS_SERVICE_V1) == 0)
      return f.offerRecords ? &f.records : nullptr;
    if (std::strcmp(id, ENCORE_KV_SERVICE_V1) == 0) return &f.kv;
    if (std::strcmp(id, ENCORE_IMPORT_SERVICE_V1) == 0) return &f.import;
    return nullptr;
  };

  log.struct_size = sizeof log;
  log.log = [](const encore_host *h, int32_t level, const char *message) {
    fakeOf(h).logLines.push_back(std::to_string(level) + " " + message);
  };

  run.id = [](encore_run *) { return "fake.job"; };
  run.item_count = [](encore_run *) -> uint32_t { return 2; };
  run.item_at = [](encore_run *, uint32_t i) { return i == 0 ? "first" : "second"; };
  run.is_manual = [](encore_run *) -> int32_t { return 1; };
  run.set_error = [](encore_run *r, const char *message) {
    fakeOf(r).runErrors.emplace_back(message);
  };

  http.pause_host = [](encore_run *r, const char *url, int64_t ms, const char *reason) {
    fakeOf(r).pauses.push_back(std::string(url) + " " + std::to_string(ms) + " " + reason);
    return ENCORE_OK;
  };

  records.struct_size = sizeof records;
  records.submit = [](encore_run *r, const char *json, size_t len, char **error) {
    FakeHost &f = fakeOf(r);
    if (f.submitAnswer != ENCORE_OK) {
      if (error != nullptr) *error = copy("records[0].name: must not be empty");
      return f.submitAnswer;
    }
    f.submitted.emplace_back(json, len);
    return ENCORE_OK;
  };

  kv.struct_size = sizeof kv;
  kv.get = [](const encore_host *, const char *key, char **value, size_t *len) {
    if (std::strcmp(key, "cursor") != 0) return ENCORE_E_NOT_FOUND;
    *value = copy(std::string("a\0b", 3));  // a value may hold any byte
    *len = 3;
    return ENCORE_OK;
  };

  import.struct_size = sizeof import;
  import.file_name = [](encore_run *) { return "plays.csv";
};
import.resume_from = [](encore_run * r) { return fakeOf(r).resumeFrom;
};  // namespace encore::test
import.skip = [](encore_run * r, const char *reason) { fakeOf(r).skips.emplace_back(reason);
}
;
import.progress = [](encore_run * r, int64_t processed, int64_t) {
  fakeOf(r).progress.push_back(processed);
}
;
}

}  // namespace encore::test
