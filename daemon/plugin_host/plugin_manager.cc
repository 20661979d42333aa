#include "daemon/plugin_host/plugin_manager.h"

#include <Poco/Logger.h>
#include <dlfcn.h>
#include <link.h>

#include <algorithm>
#include <filesystem>

#include "daemon/plugin_host/entry_check.h"
#include "daemon/plugin_host/host_services.h"

namespace encore {
namespace {

constexpr size_t kMinJobDeclSize = offsetof(encore_job_decl, run) + sizeof(encore_run_fn);
constexpr size_t kMinImporterDeclSize = offsetof(encore_importer_decl, run) + sizeof(encore_run_fn);
constexpr size_t kMinSinkDeclSize = offsetof(encore_sink_decl, push) + sizeof(encore_run_fn);

/// The size the ELF symbol table gives for the object at `address` (0 when unknown), so a
/// plugin cannot make the host read past its entry by declaring a larger struct_size.
size_t symbolSize(const void *address) {
  Dl_info info;
  void *extra = nullptr;
  if (dladdr1(address, &info, &extra, RTLD_DL_SYMENT) != 0 && extra != nullptr) {
    return static_cast<size_t>(static_cast<const ElfW(Sym) *>(extra)->st_size);
  }
  return 0;
}

std::string text(const char *s, size_t max = 512) {
  return s == nullptr ? std::string() : std::string(s, strnlen(s, max));
}

std::string prefixed(const Plugin &plugin, const char *key) {
  return key == nullptr || *key == '\0' ? std::string() : plugin.id + "." + key;
}

class PluginJob : public JobExecutor {
 public:
  PluginJob(PluginManager &manager, Plugin &plugin, const encore_job_decl &decl)
      : manager_(manager), plugin_(plugin), decl_(decl) {}
  RunResult execute(const RunRequest &request) override {
    return manager_.runJob(plugin_, decl_, request);
  }

 private:
  PluginManager &manager_;
  Plugin &plugin_;
  const encore_job_decl &decl_;
};

}  // namespace

PluginManager::PluginManager(HostContext &context) : context_(context) {}

PluginManager::~PluginManager() {
  shutdown();
}

void PluginManager::refuse(Plugin &plugin, const std::string &reason) {
  plugin.status = Plugin::Status::Refused;
  plugin.reason = reason;
  plugin.entry = nullptr;
  plugin.jobs.clear();
  plugin.jobDecls.clear();
  plugin.importers.clear();
  plugin.sinks.clear();
  Poco::Logger::get("plugins").error("refused plugin %s: %s", plugin.path, reason);
}

void PluginManager::loadDirectory(const std::string &dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    Poco::Logger::get("plugins").warning("plugin directory %s does not exist; no plugins loaded",
                                         dir);
    return;
  }
  std::vector<std::filesystem::path> files;
  for (const auto &entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".so")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto &file : files) loadFile(file.string());
}

Plugin *PluginManager::find(const std::string &id) {
  for (auto &p : plugins_) {
    if (p->status == Plugin::Status::Loaded && p->id == id) return p.get();
  }
  return nullptr;
}

Plugin &PluginManager::loadFile(const std::string &path) {
  plugins_.push_back(std::make_unique<Plugin>());
  Plugin &plugin = *plugins_.back();
  plugin.path = path;
  plugin.context = &context_;
  plugin.id = std::filesystem::path(path).stem().string();

  try {
    plugin.library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception &e) {
    refuse(plugin, std::string("cannot load the library: ") + e.what());
    return plugin;
  }
  if (!plugin.library.has(ENCORE_PLUGIN_ENTRY_SYMBOL)) {
    refuse(plugin, "no encore_plugin_entry symbol: not an Encore plugin");
    plugin.library.unload();
    return plugin;
  }
  const auto *entry = &plugin.library.get<const encore_plugin_entry_t>(ENCORE_PLUGIN_ENTRY_SYMBOL);
  if (auto problem = checkEntry(entry, symbolSize(entry)); !problem.empty()) {
    refuse(plugin, problem);
    plugin.library.unload();
    return plugin;
  }
  plugin.entry = entry;
  plugin.id = entry->id;
  plugin.name = text(entry->name, 128);
  plugin.version = text(entry->version, 64);
  plugin.description = text(entry->description, 2048);
  plugin.abiMajor = entry->abi_major;
  plugin.abiMinor = entry->abi_minor;
  if (find(plugin.id) != nullptr) {
    refuse(plugin, "another plugin already has the id '" + plugin.id + "'");
    plugin.library.unload();
    return plugin;
  }
  if (auto problem = readDeclarations(plugin); !problem.empty()) {
    refuse(plugin, problem);
    plugin.library.unload();
    return plugin;
  }
  if (!initialize(plugin)) {
    context_.settings.removeOwner(plugin.id);
    plugin.library.unload();
    return plugin;
  }
  plugin.status = Plugin::Status::Loaded;
  Poco::Logger::get("plugins").information("loaded plugin %s %s (ABI %u.%u) from %s", plugin.id,
                                           plugin.version, plugin.abiMajor, plugin.abiMinor, path);
  return plugin;
}

std::string PluginManager::readDeclarations(Plugin &plugin) {
  const auto *entry = plugin.entry;
  plugin.enabledSetting = prefixed(plugin, entry->enabled_setting);
  std::vector<std::string> seen;
  for (uint32_t i = 0; i < entry->job_count; ++i) {
    const encore_job_decl *d = entry->jobs[i];
    if (d == nullptr || d->struct_size < kMinJobDeclSize)
      return "job " + std::to_string(i) + ": declaration missing or too short";
    if (!validDeclId(d->id)) return "job " + std::to_string(i) + ": invalid id";
    if (std::find(seen.begin(), seen.end(), d->id) != seen.end()) {
      return std::string("job '") + d->id + "' is declared twice";
    }
    seen.emplace_back(d->id);
    if (d->run == nullptr) return std::string("job '") + d->id + "' has no run function";
    JobSpec spec;
    spec.plugin = plugin.id;
    spec.localId = d->id;
    spec.id = plugin.id + "." + d->id;
    spec.title = d->title != nullptr ? text(d->title, 128) : spec.localId;
    spec.description = text(d->description, 1024);
    spec.defaultCooldownMs = d->default_cooldown_seconds * 1000;
    spec.cooldownSetting = prefixed(plugin, d->cooldown_setting);
    spec.cooldownUnitMs = (d->cooldown_unit_seconds > 0 ? d->cooldown_unit_seconds : 1) * 1000;
    if (d->default_cooldown_seconds <= 0 && spec.cooldownSetting.empty()) {
      return "job '" + spec.localId + "' has no cooldown";
    }
    if (d->default_cooldown_seconds < 0 || d->default_cooldown_seconds > 366LL * 86400) {
      return "job '" + spec.localId + "' has an invalid default cooldown";
    }
    spec.enabledSetting = prefixed(plugin, d->enabled_setting);
    spec.pluginEnabledSetting = plugin.enabledSetting;
    spec.gradual = d->gradual != 0;
    if (spec.gradual) {
      spec.itemType = text(d->item_type, 16);
      if (spec.itemType != "artist" && spec.itemType != "album" && spec.itemType != "track" &&
          spec.itemType != "playlist") {
        return "gradual job '" + spec.localId + "' has an invalid item_type";
      }
      spec.batchSize = d->batch_size;
      spec.batchSetting = prefixed(plugin, d->batch_setting);
      if (spec.batchSize <= 0 && spec.batchSetting.empty()) {
        return "gradual job '" + spec.localId + "' has no batch size";
      }
      spec.itemStaleMs = (d->item_stale_seconds > 0 ? d->item_stale_seconds : 86400) * 1000;
      spec.itemCollection = text(d->item_collection, 64);
    }
    plugin.jobs.push_back(std::move(spec));
    plugin.jobDecls.push_back(d);
  }
  for (uint32_t i = 0; i < entry->importer_count; ++i) {
    const encore_importer_decl *d = entry->importers[i];
    if (d == nullptr || d->struct_size < kMinImporterDeclSize || !validDeclId(d->id) ||
        d->probe == nullptr || d->run == nullptr) {
      return "importer " + std::to_string(i) + ": declaration missing, too short or incomplete";
    }
    plugin.importers.push_back({d->id, d->title != nullptr ? text(d->title, 128) : d->id, d});
  }
  for (uint32_t i = 0; i < entry->sink_count; ++i) {
    const encore_sink_decl *d = entry->sinks[i];
    if (d == nullptr || d->struct_size < kMinSinkDeclSize || !validDeclId(d->id) ||
        d->push == nullptr) {
      return "sink " + std::to_string(i) + ": declaration missing, too short or incomplete";
    }
    plugin.sinks.push_back(
        {d->id, d->title != nullptr ? text(d->title, 128) : d->id, text(d->accepts, 64), d});
  }
  return {};
}

bool PluginManager::initialize(Plugin &plugin) {
  initHostHandle(plugin);
  int32_t code;
  {
    std::lock_guard<std::mutex> lock(plugin.callMutex);
    plugin.initializing = true;
    code = plugin.entry->init(&plugin.host, &plugin.state);
    plugin.initializing = false;
  }
  if (code != ENCORE_OK) {
    refuse(plugin, std::string("init failed: ") + encore_status_text(code));
    return false;
  }
  // Declarations that name settings must name declared ones of the right type.
  auto &settings = context_.settings;
  auto expect = [&](const std::string &key, SettingType type, const std::string &what) {
    if (key.empty()) return std::string();
    auto def = settings.definition(key);
    if (!def || def->type != type) {
      return what + " names '" + key + "', which is not a declared " + settingTypeName(type) +
             " setting";
    }
    return std::string();
  };
  std::string problem = expect(plugin.enabledSetting, SettingType::Bool, "enabled_setting");
  for (const auto &job : plugin.jobs) {
    if (!problem.empty()) break;
    problem = expect(job.cooldownSetting, SettingType::Int, "job '" + job.localId + "' cooldown");
    if (problem.empty()) {
      problem = expect(job.enabledSetting, SettingType::Bool, "job '" + job.localId + "' toggle");
    }
    if (problem.empty()) {
      problem = expect(job.batchSetting, SettingType::Int, "job '" + job.localId + "' batch");
    }
  }
  if (!problem.empty()) {
    std::lock_guard<std::mutex> lock(plugin.callMutex);
    if (plugin.entry->shutdown != nullptr) plugin.entry->shutdown(plugin.state);
    refuse(plugin, problem);
    return false;
  }
  return true;
}

void PluginManager::registerJobs(Scheduler &scheduler) {
  for (auto &p : plugins_) {
    if (p->status != Plugin::Status::Loaded) continue;
    for (size_t i = 0; i < p->jobs.size(); ++i) {
      executors_.push_back(std::make_unique<PluginJob>(*this, *p, *p->jobDecls[i]));
      scheduler.addJob(p->jobs[i], executors_.back().get());
    }
  }
}

RunResult PluginManager::invoke(Plugin &plugin, encore_run &run, encore_run_fn fn) {
  int32_t code;
  {
    std::lock_guard<std::mutex> lock(plugin.callMutex);
    if (plugin.status != Plugin::Status::Loaded) {
      return {RunStatus::Failed, 0, "plugin is not loaded"};
    }
    code = fn(plugin.state, &run);
  }
  RunResult result;
  result.items = run.recordsStored;
  if (!run.failure.empty()) {
    result.status = RunStatus::Failed;
    result.error = run.failure;
  } else if (code == ENCORE_OK) {
    result.status = RunStatus::Ok;
  } else if (code == ENCORE_E_CANCELLED || (run.cancel != nullptr && run.cancel->cancelled())) {
    result.status = RunStatus::Cancelled;
    result.error = "cancelled";
  } else {
    result.status = RunStatus::Failed;
    result.error = encore_status_text(code);
    if (!run.lastError.empty()) result.error += ": " + run.lastError;
  }
  return result;
}

RunResult PluginManager::runJob(Plugin &plugin, const encore_job_decl &decl,
                                const RunRequest &request) {
  encore_run run;
  run.plugin = &plugin;
  run.kind = RunKind::Job;
  run.localId = decl.id;
  run.cancel = &request.cancel;
  run.manual = request.manual;
  run.items = request.items;
  run.scope = {plugin.id, request.job.id, request.job.itemType};
  return invoke(plugin, run, decl.run);
}

RunResult PluginManager::runImporter(Plugin &plugin, const ImporterInfo &importer,
                                     ImportStream &stream, const CancelToken &cancel) {
  encore_run run;
  run.plugin = &plugin;
  run.kind = RunKind::Import;
  run.localId = importer.id;
  run.cancel = &cancel;
  run.manual = true;
  run.scope = {plugin.id, "", "", stream.importId()};
  run.import = &stream;
  return invoke(plugin, run, importer.decl->run);
}

RunResult PluginManager::runSink(Plugin &plugin, const SinkInfo &sink, SinkExchange &exchange,
                                 const CancelToken &cancel) {
  encore_run run;
  run.plugin = &plugin;
  run.kind = RunKind::Sink;
  run.localId = sink.id;
  run.cancel = &cancel;
  run.manual = true;
  run.scope = {plugin.id, "", ""};
  run.sink = &exchange;
  return invoke(plugin, run, sink.decl->push);
}

int32_t PluginManager::probe(Plugin &plugin, const ImporterInfo &importer,
                             const std::string &fileName, const std::string &head) {
  std::lock_guard<std::mutex> lock(plugin.callMutex);
  if (plugin.status != Plugin::Status::Loaded) return 0;
  int32_t score = importer.decl->probe(plugin.state, fileName.c_str(),
                                       reinterpret_cast<const uint8_t *>(head.data()), head.size());
  return std::clamp(score, 0, 100);
}

void PluginManager::shutdown() {
  for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) {
    Plugin &plugin = **it;
    if (plugin.status != Plugin::Status::Loaded) continue;
    {
      std::lock_guard<std::mutex> lock(plugin.callMutex);
      if (plugin.entry->shutdown != nullptr) plugin.entry->shutdown(plugin.state);
      plugin.status = Plugin::Status::Refused;
      plugin.reason = "unloaded at shutdown";
    }
    plugin.library.unload();
  }
}

}  // namespace encore
