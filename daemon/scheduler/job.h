// A job as the scheduler sees it: what a plugin declared, with setting keys resolved.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/cancel_token.h"

namespace encore {

struct JobSpec {
  std::string id;       // "spotify.artists"
  std::string plugin;   // "spotify"
  std::string localId;  // "artists"
  std::string title;
  std::string description;
  int64_t defaultCooldownMs = 60'000;
  std::string cooldownSetting;  // full key of an int setting, or ""
  int64_t cooldownUnitMs = 1000;
  std::string enabledSetting;        // full key of a bool setting, or ""
  std::string pluginEnabledSetting;  // the plugin's master toggle, or ""
  bool gradual = false;
  int64_t batchSize = 0;
  std::string batchSetting;
  std::string itemType;
  std::string itemCollection;
  int64_t itemStaleMs = 24 * 3600 * 1000LL;
};

enum class RunStatus { Ok, Failed, Cancelled };
const char *runStatusName(RunStatus status);

struct RunResult {
  RunStatus status = RunStatus::Ok;
  int64_t items = 0;  // records stored
  std::string error;
};

struct RunRequest {
  const JobSpec &job;
  bool manual;
  std::vector<std::string> items;  // gradual jobs: the stalest items, oldest first
  const CancelToken &cancel;
};

/// Runs one job (the plugin host calls into the plugin). Must not throw.
class JobExecutor {
 public:
  virtual ~JobExecutor() = default;
  virtual RunResult execute(const RunRequest &request) = 0;
};

}  // namespace encore
