#include "daemon/imports/import_runner.h"

#include <Poco/Logger.h>

#include "daemon/imports/import_file_stream.h"
#include "daemon/imports/import_lock.h"
#include "daemon/imports/import_sources.h"

namespace encore {
namespace {

constexpr size_t kProbeBytes = 4096;

}  // namespace

PickedImporter pickImporter(PluginManager &plugins, const std::string &baseName,
                            const std::string &head) {
  PickedImporter best;
  for (const auto &p : plugins.plugins()) {
    if (p->status != Plugin::Status::Loaded) continue;
    for (const auto &importer : p->importers) {
      int32_t score = plugins.probe(*p, importer, baseName, head);
      if (score > best.score) best = {p.get(), &importer, score};
    }
  }
  return best;
}

ImportResult ImportRunner::run(int64_t id, const CancelToken &cancel) {
  auto row = records_.find(id);
  if (!row) return {ImportOutcome::Failed, "no import " + std::to_string(id)};
  if (row->state == "done" || row->state == "failed") {
    return {row->state == "done" ? ImportOutcome::Done : ImportOutcome::Failed, {}};
  }
  ImportLock lock(lockDir_, id);
  if (!lock.held()) return {ImportOutcome::Busy, "another process is running this import"};
  ImportResult result;
  try {
    result = runLocked(*row, cancel);
  } catch (const std::exception &e) {
    result = {ImportOutcome::Failed, e.what()};
  }
  auto &log = Poco::Logger::get("imports");
  try {
    if (result.outcome == ImportOutcome::Failed) {
      records_.finishFailed(id, result.error);
      log.warning("import %Ld (%s) failed, nothing of it kept: %s", id, row->fileName,
                  result.error);
    } else if (result.outcome == ImportOutcome::Done) {
      records_.finishDone(id);
      log.information("import %Ld (%s) done", id, row->fileName);
    }
  } catch (const std::exception &e) {
    // The database refused (disk full...): the import stays unfinished and resumes later.
    log.error("import %Ld: cannot record its end: %s", id, std::string(e.what()));
    result = {ImportOutcome::Cancelled, e.what()};
  }
  return result;
}

ImportResult ImportRunner::runLocked(const ImportRow &row, const CancelToken &cancel) {
  records_.setState(row.id, "running");
  ImportSources sources(row.path, row.fileName);
  auto files = records_.files(row.id);
  const auto &parts = sources.parts();
  if (files.empty()) {
    for (size_t i = 0; i < parts.size(); ++i) {
      ImportFileRow f;
      f.seq = static_cast<int64_t>(i);
      f.name = parts[i].name;
      f.state = parts[i].unreadable.empty() ? "pending" : "skipped";
      f.note = parts[i].unreadable;
      records_.addFile(row.id, f);
    }
    files = records_.files(row.id);
  }
  if (files.size() != parts.size())
    return {ImportOutcome::Failed, "the file changed since the import began"};

  int imported = 0;
  for (auto &file : files) {
    if (file.state == "skipped") continue;
    if (file.state == "done") {
      ++imported;
      continue;
    }
    if (cancel.cancelled()) return {ImportOutcome::Cancelled, "cancelled"};
    const size_t index = static_cast<size_t>(file.seq);
    std::string head;
    {
      auto probe = sources.open(index);
      head = readHead(*probe, kProbeBytes);
    }
    PickedImporter picked = pickImporter(plugins_, parts[index].baseName, head);
    if (picked.plugin == nullptr) {
      if (!sources.isZip()) {
        return {ImportOutcome::Failed,
                "no importer recognises " + parts[index].baseName +
                    " (expected a Spotify data export or a Last.fm scrobble CSV)"};
      }
      file.state = "skipped";
      file.note = "no importer recognises this file";
      records_.updateFile(row.id, file);
      continue;
    }
    file.importer = picked.plugin->id + "." + picked.importer->id;
    file.state = "running";
    records_.updateFile(row.id, file);

    ImportFileStream stream(records_, row.id, file, parts[index].baseName, sources.open(index),
                            cancel);
    RunResult run = plugins_.runImporter(*picked.plugin, *picked.importer, stream, cancel);
    stream.flush();
    file.processed = stream.processed();
    file.total = stream.total();
    if (run.status == RunStatus::Cancelled || cancel.cancelled()) {
      return {ImportOutcome::Cancelled, "cancelled"};
    }
    if (run.status == RunStatus::Failed || !stream.readError().empty()) {
      std::string why = !stream.readError().empty() ? stream.readError() : run.error;
      file.state = "failed";
      file.note = why;
      records_.updateFile(row.id, file);
      return {ImportOutcome::Failed, parts[index].name + ": " + why};
    }
    file.state = "done";
    file.total = file.processed;
    records_.updateFile(row.id, file);
    ++imported;
  }
  if (imported == 0) {
    return {ImportOutcome::Failed, "nothing in " + row.fileName + " could be imported"};
  }
  return {ImportOutcome::Done, {}};
}

}  // namespace encore
