// Finds plugin libraries in the plugin directory, refuses those that do not fit the ABI
// (with the reason, in the log and in GET /api/plugins), initialises the others, turns
// their declarations into jobs, importers and sinks, and calls into them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "daemon/plugin_host/plugin.h"
#include "daemon/plugin_host/run_context.h"
#include "daemon/scheduler/scheduler.h"

namespace encore {

class PluginManager {
 public:
  explicit PluginManager(HostContext &context);
  ~PluginManager();

  /// Loads every regular file ending in ".so" in `dir`, in name order. A missing directory
  /// is logged, not fatal.
  void loadDirectory(const std::string &dir);
  /// Loads one library; the result (loaded or refused) is kept either way.
  Plugin &loadFile(const std::string &path);

  const std::vector<std::unique_ptr<Plugin>> &plugins() const { return plugins_; }
  Plugin *find(const std::string &id);

  /// Adds every loaded plugin's jobs to the scheduler.
  void registerJobs(Scheduler &scheduler);

  RunResult runJob(Plugin &plugin, const encore_job_decl &decl, const RunRequest &request);
  RunResult runImporter(Plugin &plugin, const ImporterInfo &importer, ImportStream &stream,
                        const CancelToken &cancel);
  RunResult runSink(Plugin &plugin, const SinkInfo &sink, SinkExchange &exchange,
                    const CancelToken &cancel);
  /// An importer's probe score for a file (0 when it declines or misbehaves).
  int32_t probe(Plugin &plugin, const ImporterInfo &importer, const std::string &fileName,
                const std::string &head);

  /// Calls every plugin's shutdown and unloads them. Runs must have ended.
  void shutdown();

 private:
  void refuse(Plugin &plugin, const std::string &reason);
  bool initialize(Plugin &plugin);
  std::string readDeclarations(Plugin &plugin);
  RunResult invoke(Plugin &plugin, encore_run &run, encore_run_fn fn);

  HostContext &context_;
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::vector<std::unique_ptr<JobExecutor>> executors_;
};

}  // namespace encore
