#include "daemon/store/store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "daemon/store/db_error.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

std::vector<Migration> twoTables() {
  return {{1, "0001_first", "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);"},
          {2, "0002_second", "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER);"}};
}

TEST(StoreTest, AppliesMigrationsInOrderAndRecordsThem) {
  test::TempDir dir;
  Store store(dir.str(), twoTables());
  EXPECT_EQ(store.migrationReport().fromVersion, 0);
  EXPECT_EQ(store.migrationReport().toVersion, 2);
  auto names = store.read([](Database &db) {
    std::vector<std::string> out;
    auto q = db.prepare("SELECT name FROM schema_migrations ORDER BY version");
    while (q->step()) out.push_back(q->text(0));
    return out;
  });
  EXPECT_EQ(names, (std::vector<std::string>{"0001_first", "0002_second"}));
}

TEST(StoreTest, UsesWalMode) {
  test::TempDir dir;
  Store store(dir.str(), twoTables());
  auto mode = store.read([](Database &db) {
    auto q = db.prepare("PRAGMA journal_mode");
    q->step();
    return q->text(0);
  });
  EXPECT_EQ(mode, "wal");
}

TEST(StoreTest, SecondOpenAppliesOnlyNewMigrations) {
  test::TempDir dir;
  { Store store(dir.str(), {twoTables()[0]}); }
  Store store(dir.str(), twoTables());
  EXPECT_EQ(store.migrationReport().fromVersion, 1);
  EXPECT_EQ(store.migrationReport().applied, (std::vector<std::string>{"0002_second"}));
}

TEST(StoreTest, AppliesAMissingMigrationNumberedBelowTheNewestApplied) {
  // Parts of the tree number migrations in their own ranges: 0002 may ship after 0003.
  test::TempDir dir;
  const std::vector<Migration> first = {twoTables()[0],
                                        {3, "0003_third", "CREATE TABLE c (id INTEGER);"}};
  { Store store(dir.str(), first); }
  Store store(dir.str(), {twoTables()[0], twoTables()[1], first[1]});
  EXPECT_EQ(store.migrationReport().fromVersion, 3);
  EXPECT_EQ(store.migrationReport().toVersion, 3);
  EXPECT_EQ(store.migrationReport().applied, (std::vector<std::string>{"0002_second"}));
  auto tables = store.read([](Database &db) {
    auto q = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'b'");
    q->step();
    return q->int64(0);
  });
  EXPECT_EQ(tables, 1);
}

TEST(StoreTest, WriteCommitsAndThrowRollsBack) {
  test::TempDir dir;
  Store store(dir.str(), twoTables());
  store.write([](Database &db) { db.prepare("INSERT INTO a(v) VALUES (?)")->bind("kept").run(); });
  EXPECT_THROW(store.write([](Database &db) {
    db.prepare("INSERT INTO a(v) VALUES (?)")->bind("lost").run();
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  auto count = store.read([](Database &db) {
    auto q = db.prepare("SELECT count(*), max(v) FROM a");
    q->step();
    return std::make_pair(q->int64(0), q->text(1));
  });
  EXPECT_EQ(count.first, 1);
  EXPECT_EQ(count.second, "kept");
}

TEST(StoreTest, CachedStatementsAreResetBetweenUses) {
  test::TempDir dir;
  Store store(dir.str(), twoTables());
  store.write([](Database &db) {
    for (const char *v : {"x", "y", "z"}) db.prepare("INSERT INTO a(v) VALUES (?)")->bind(v).run();
  });
  auto firsts = store.read([](Database &db) {
    std::vector<std::string> out;
    for (int i = 0; i < 3; ++i) {
      auto q = db.prepare("SELECT v FROM a ORDER BY id");
      out.push_back(q->step() ? q->text(0) : "");
    }
    return out;
  });
  // Each use starts from the first row, not where the previous use stopped.
  EXPECT_EQ(firsts, (std::vector<std::string>{"x", "x", "x"}));
}

TEST(StoreTest, DatabaseNewerThanBinaryStopsStartupAndIsUntouched) {
  test::TempDir dir;
  { Store store(dir.str(), twoTables()); }
  auto path = dir / "encore.db";
  std::string before = test::readFile(path);
  try {
    Store store(dir.str(), {twoTables()[0]});
    FAIL() << "a database newer than the binary must not open";
  } catch (const MigrationError &e) {
    std::string message = e.what();
    EXPECT_NE(message.find("schema version 2"), std::string::npos) << message;
    EXPECT_NE(message.find("only up to 1"), std::string::npos) << message;
    EXPECT_NE(message.find("not modified"), std::string::npos) << message;
  }
  EXPECT_EQ(test::readFile(path), before);
}

TEST(StoreTest, FailedMigrationAppliesNothingAndLeavesFileAsItWas) {
  test::TempDir dir;
  { Store store(dir.str(), {twoTables()[0]}); }
  auto path = dir / "encore.db";
  std::string before = test::readFile(path);
  auto migrations = twoTables();
  migrations.push_back({3, "0003_broken", "CREATE TABLE c (x); INSERT INTO nowhere VALUES (1);"});
  try {
    Store store(dir.str(), migrations);
    FAIL() << "a failing migration must stop start-up";
  } catch (const MigrationError &e) {
    std::string message = e.what();
    EXPECT_NE(message.find("0003_broken"), std::string::npos) << message;
    EXPECT_NE(message.find("no such table: nowhere"), std::string::npos) << message;
  }
  EXPECT_EQ(test::readFile(path), before);
  // 0002 ran before the failure in the same attempt: it must not have stuck either.
  EXPECT_EQ(schemaVersion(path.string()), 1);
}

TEST(StoreTest, FailedFirstMigrationLeavesNoFileBehind) {
  test::TempDir dir;
  EXPECT_THROW(Store(dir.str(), {{1, "0001_bad", "THIS IS NOT SQL"}}), MigrationError);
  EXPECT_FALSE(std::filesystem::exists(dir / "encore.db"));
}

TEST(StoreTest, ForeignFileIsRefusedAndKept) {
  test::TempDir dir;
  test::writeFile(dir / "encore.db", "this is not a database, it is a text file\n");
  EXPECT_THROW(Store(dir.str(), twoTables()), MigrationError);
  EXPECT_EQ(test::readFile(dir / "encore.db"), "this is not a database, it is a text file\n");
}

TEST(StoreTest, BuiltinMigrationsApplyToAnEmptyDatabase) {
  test::TempDir dir;
  Store store(dir.str(), builtinMigrations());
  EXPECT_GE(store.migrationReport().toVersion, 3);
  auto tables = store.read([](Database &db) {
    auto q = db.prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
        " ('app_settings','plugin_kv','job_runs','artists','plays')");
    q->step();
    return q->int64(0);
  });
  EXPECT_EQ(tables, 5);
}

TEST(StoreTest, WriteAfterCloseThrows) {
  test::TempDir dir;
  Store store(dir.str(), twoTables());
  store.close();
  EXPECT_THROW(store.write([](Database &) {}), DbError);
}

}  // namespace
}  // namespace encore
