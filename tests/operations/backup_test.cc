// `encored backup` while the daemon runs and an import writes: the copy is one consistent
// moment of the database, and restoring it resumes the import from the copy's checkpoint.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "imports/export_files.h"
#include "operations/metrics_scrape.h"
#include "support/daemon_process.h"
#include "support/shell.h"
#include "support/sqlite_peek.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

namespace fs = std::filesystem;

int backup(const std::string &target, const std::string &dataDir, std::string *output) {
  return runShell("'" + encoredBinary() + "' backup '" + target + "' --data-dir '" + dataDir + "'",
                  output);
}

int waitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Backup, ACopyTakenDuringAnImportIsConsistentAndResumesWhenRestored) {
  TempDir dir;
  const std::string data = (dir / "data").string();
  const std::string file = (dir / "Streaming_History_Audio_2016-2019_0.json").string();
  // Several pages of the importer (50,000 plays each), so the copy lands between two.
  const int64_t entries = 160'000;
  const int64_t expected = entries - (entries / 40 + entries / 25 - entries / 200);
  {
    std::ofstream out(file);
    writeExtendedHistory(out, entries, true);
  }
  DaemonProcess daemon({.dataDir = data});
  pid_t import = startImportCli(file, data);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return queryInt(data, "SELECT count(*) FROM plays") > 0; }, 60'000, 5));
  // The daemon's /metrics shows the import under way.
  auto metrics = parseMetrics(daemon.get("/metrics").body);
  EXPECT_EQ(metrics["encore_imports_unfinished"], 1);
  EXPECT_GT(metrics["encore_import_entries_processed{import=\"1\"}"], 0);

  fs::create_directories(dir / "backups");
  const std::string copy = (dir / "backups" / "encore.db").string();
  std::string output;
  ASSERT_EQ(backup(copy, data, &output), 0) << output;
  EXPECT_NE(output.find("backed up " + data + "/encore.db to " + copy), std::string::npos)
      << output;
  ASSERT_EQ(waitExit(import), 0);
  ASSERT_EQ(queryInt(data, "SELECT count(*) FROM plays"), expected);

  // The copy: one file, the owner's alone, intact, taken mid-import.
  struct stat st {};
  ASSERT_EQ(stat(copy.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(fs::exists(copy + "-wal"));
  const std::string restored = (dir / "restored").string();
  fs::create_directories(restored);
  fs::copy_file(copy, restored + "/encore.db");
  EXPECT_EQ(queryText(restored, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(queryText(restored, "PRAGMA journal_mode"), "delete");
  EXPECT_EQ(queryText(restored, "SELECT state FROM imports WHERE id = 1"), "running");
  const int64_t copied = queryInt(restored, "SELECT count(*) FROM plays");
  EXPECT_GT(copied, 0);
  EXPECT_LT(copied, expected);
  // Every play of a committed page, and its checkpoint with it: resuming from the copy
  // neither loses nor repeats a play.
  EXPECT_EQ(queryInt(restored, "SELECT count(*) FROM plays WHERE import_id = 1"), copied);
  ASSERT_EQ(waitExit(startImportCli(file, restored)), 0);
  EXPECT_EQ(queryInt(restored, "SELECT count(*) FROM plays"), expected);
  EXPECT_EQ(queryText(restored, "SELECT state FROM imports"), "done");

  // A daemon started on the restored directory serves it.
  DaemonProcess fromBackup({.dataDir = restored, .pluginDir = ""});
  EXPECT_EQ(fromBackup.get("/api/stats").json()["plays"], expected);
}

TEST(Backup, RefusesWhatWouldLoseDataWithAClearReason) {
  TempDir dir;
  const std::string data = (dir / "data").string();
  std::string output;
  EXPECT_EQ(backup((dir / "copy.db").string(), data, &output), 66);
  EXPECT_NE(output.find("no database in " + data), std::string::npos) << output;
  { DaemonProcess daemon({.dataDir = data, .pluginDir = ""}); }
  EXPECT_EQ(backup((dir / "missing" / "copy.db").string(), data, &output), 73);
  EXPECT_NE(output.find("does not exist"), std::string::npos) << output;
  EXPECT_EQ(backup(data + "/encore.db", data, &output), 73);
  EXPECT_NE(output.find("must not replace the database"), std::string::npos) << output;
  EXPECT_EQ(backup(data + "/encore.db-wal", data, &output), 73);
  EXPECT_EQ(backup(dir.str(), data, &output), 73);
  EXPECT_NE(output.find("is a directory"), std::string::npos) << output;
  // Nothing half-written is left behind.
  for (const auto &entry : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos);
  }
  // An existing backup is replaced whole.
  writeFile(dir / "copy.db", "an older backup");
  ASSERT_EQ(backup((dir / "copy.db").string(), data, &output), 0) << output;
  fs::create_directories(dir / "check");
  fs::copy_file(dir / "copy.db", dir / "check" / "encore.db");
  EXPECT_EQ(queryText((dir / "check").string(), "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace encore::test
