#include "daemon/imports/import_command.h"

#include <atomic>
#include <filesystem>
#include <thread>

#include "daemon/history/play_writer.h"
#include "daemon/http/http_service.h"
#include "daemon/imports/import_runner.h"
#include "daemon/plugin_host/plugin_manager.h"
#include "daemon/records/record_store.h"
#include "daemon/store/store.h"
#include "settings/settings.h"

namespace encore {
namespace {

std::string summary(const nlohmann::json &d) {
  std::string s = "import " + std::to_string(d["id"].get<int64_t>()) + " (" +
                  d["file_name"].get<std::string>() + "): " + d["state"].get<std::string>() + ", " +
                  std::to_string(d["processed"].get<int64_t>()) + " entries read, " +
                  std::to_string(d["added"].get<int64_t>()) + " new plays, " +
                  std::to_string(d["skipped"]["total"].get<int64_t>()) + " skipped";
  std::string reasons;
  for (const auto &[reason, count] : d["skipped"]["reasons"].items()) {
    reasons += (reasons.empty() ? "" : ", ") + reason + ": " + std::to_string(count.get<int64_t>());
  }
  if (!reasons.empty()) s += " (" + reasons + ")";
  if (d["error"].is_string()) s += "\n  error: " + d["error"].get<std::string>();
  return s;
}

}  // namespace

int runImportCommand(const ImportCommandOptions &options, std::ostream &out, std::ostream &err) {
  std::error_code ec;
  const auto path = std::filesystem::absolute(options.path, ec).lexically_normal();
  if (ec || !std::filesystem::is_regular_file(path, ec)) {
    err << "encored import: " << options.path << " is not a readable file\n";
    return 2;
  }
  SystemClock clock;
  Store store(options.dataDir, builtinMigrations());
  // A bulk import touches every index of plays: a larger page cache for this short-lived
  // process keeps them in memory (the daemon's stays small). Every page of plays rewrites
  // most of plays_by_track; checkpointing the log every 80 MB instead of every 4 MB copies
  // each such index page into the database once per several pages instead of once per page
  // (every commit is still synced; the log is emptied when the import ends).
  store.write(
      [](Database &db) { db.exec("PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=20000"); });
  Settings settings(store, options.config);
  HostPolicies policies(clock, nullptr);
  HttpClient httpClient(HttpClient::Options{}, ProxyConfig(options.config));
  HttpService http(httpClient, policies, clock);
  RecordHandlers handlers = RecordHandlers::withLibraryTypes();
  addPlayHandler(handlers);
  RecordStore records(store, clock, std::move(handlers));
  HostContext context{clock, store, settings, records, http, options.config, nullptr};
  PluginManager plugins(context);
  plugins.loadDirectory(options.pluginDir);

  ImportRecords imports(store, clock);
  ImportRunner runner(imports, plugins, options.dataDir + "/imports/locks");
  const std::string fingerprint = fileFingerprint(path.string());
  int64_t id = 0;
  if (auto previous = imports.unfinishedLike(fingerprint)) {
    id = previous->id;
    out << "resuming import " << id << " of " << path.string() << "\n";
  } else {
    ImportRow row;
    row.origin = "cli";
    row.fileName = path.filename().string();
    row.path = path.string();
    row.size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    row.fingerprint = fingerprint;
    id = imports.create(row);
  }

  CancelToken cancel;
  std::atomic<bool> finished{false};
  std::thread reporter([&] {
    // A line every few seconds so a long import shows it is alive.
    int ticks = 0;
    while (!finished.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (++ticks % 25 != 0 || finished.load()) continue;
      if (auto d = imports.describe(id)) {
        out << "  " << (*d)["processed"].get<int64_t>() << " entries read\n" << std::flush;
      }
    }
  });
  ImportResult result = runner.run(id, cancel);
  finished = true;
  reporter.join();
  if (result.outcome == ImportOutcome::Busy) {
    err << "encored import: import " << id << " of this file is running in another process\n";
    return 1;
  }
  if (auto d = imports.describe(id)) out << summary(*d) << "\n";
  plugins.shutdown();
  store.close();
  return result.outcome == ImportOutcome::Done ? 0 : 1;
}

}  // namespace encore
