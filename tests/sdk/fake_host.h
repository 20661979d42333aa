// A host in the test's own process for the SDK's tests: the real C tables of
// encore/plugin_api.h, with functions that record what a plugin did. `olderRunTable` and
// `olderHttpTable` hand out the tables as a host built before ABI 1.1 did: shorter, their
// struct_size ending before set_error and pause_host, though the pointers are filled in,
// so a plugin that reads past struct_size would be caught calling them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "encore/plugin_api.h"

namespace encore::test {

struct FakeHost {
  FakeHost();
  FakeHost(const FakeHost &) = delete;
  FakeHost &operator=(const FakeHost &) = delete;

  encore_host host{};
  encore_log_v1 log{};
  encore_run_v1 run{};
  encore_http_v1 http{};
  encore_records_v1 records{};
  encore_kv_v1 kv{};
  encore_import_v1 import{};

  bool olderRunTable = false;
  bool olderHttpTable = false;
  bool offerRecords = true;
  int32_t submitAnswer = ENCORE_OK;  // what records.submit answers

  std::vector<std::string> logLines;
  std::vector<std::string> runErrors;  // set_error calls
  std::vector<std::string> pauses;     // pause_host calls
  std::vector<std::string> submitted;
  int freed = 0;

  // encore.import/1: the file "plays.csv", an import resumed after `resumeFrom` entries.
  int64_t resumeFrom = 0;
  std::vector<std::string> skips;  // skip reasons, in order
  std::vector<int64_t> progress;   // processed counts reported

  /// The run handle the plugin is given (the fake needs no state in it).
  encore_run *runHandle() { return reinterpret_cast<encore_run *>(this); }
  const encore_host *raw() const { return &host; }
};

}  // namespace encore::test
