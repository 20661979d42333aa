// A plugin file the daemon found: loaded and running, or refused with the reason.
#pragma once

#include <boost/dll/shared_library.hpp>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "daemon/plugin_host/host_context.h"
#include "daemon/scheduler/job.h"
#include "encore/plugin_api.h"

namespace encore {

struct ImporterInfo {
  std::string id;
  std::string title;
  const encore_importer_decl *decl = nullptr;
};

struct SinkInfo {
  std::string id;
  std::string title;
  std::string accepts;
  const encore_sink_decl *decl = nullptr;
};

struct Plugin {
  enum class Status { Loaded, Refused };

  std::string path;
  Status status = Status::Refused;
  std::string reason;  // why it was refused
  std::string id, name, version, description;
  uint32_t abiMajor = 0, abiMinor = 0;

  boost::dll::shared_library library;
  const encore_plugin_entry_t *entry = nullptr;
  encore_host host{};
  void *state = nullptr;
  bool initializing = false;  // declarations are accepted only during init

  std::vector<JobSpec> jobs;
  std::vector<const encore_job_decl *> jobDecls;  // parallel to jobs
  std::vector<ImporterInfo> importers;
  std::vector<SinkInfo> sinks;
  std::string enabledSetting;  // full key of the master toggle, or ""
  std::optional<OAuthProviderConfig> oauth;

  HostContext *context = nullptr;
  /// Held around every callback into the plugin: the ABI promises a plugin that two of
  /// its callbacks never run at once.
  std::mutex callMutex;
};

}  // namespace encore
