// The layers of docs/ARCHITECTURE.md hold in the code: every #include of the product is an
// edge the rule table allows. The checker itself is tested on a small planted tree, so a
// forbidden include is known to fail it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "layering/include_rules.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using encore::layering::checkTree;
using encore::layering::describe;
using encore::layering::readRuleTable;

namespace {

const fs::path kSourceDir = ENCORE_TEST_SOURCE_DIR;

void write(const fs::path &path, const std::string &text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

/// A tree with a few modules of the real shape and the real rule table.
class PlantedTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = dir_.path();
    fs::create_directories(root_ / "docs");
    fs::copy_file(kSourceDir / "docs/ARCHITECTURE.md", root_ / "docs/ARCHITECTURE.md");
    write(root_ / "plugin_api/include/encore/plugin_api.h", "#pragma once\n");
    write(root_ / "daemon/core/clock.h", "#pragma once\n");
    write(root_ / "daemon/store/store.h", "#pragma once\n#include \"daemon/core/clock.h\"\n");
    write(root_ / "web/router.h", "#pragma once\n#include \"daemon/store/store.h\"\n");
    write(root_ / "daemon/app/main.cc", "#include \"web/router.h\"\n");
    write(root_ / "plugins/demo/demo.h", "#pragma once\n");
    write(root_ / "plugins/demo/demo.cc",
          "#include <string>\n#include \"demo.h\"\n#include \"encore/plugin_api.h\"\n");
  }

  std::vector<std::string> violations() {
    std::vector<std::string> out;
    for (const auto &v : checkTree(root_, readRuleTable(root_ / "docs/ARCHITECTURE.md"))) {
      out.push_back(describe(v));
    }
    return out;
  }

  encore::test::TempDir dir_;
  fs::path root_;
};

}  // namespace

TEST(Layering, EveryIncludeOfTheProductIsAnAllowedEdge) {
  const auto rules = readRuleTable(kSourceDir / "docs/ARCHITECTURE.md");
  ASSERT_GE(rules.size(), 10u);
  std::string report;
  for (const auto &violation : checkTree(kSourceDir, rules)) report += describe(violation) + "\n";
  EXPECT_EQ(report, "") << "forbidden includes; fix the code or, if the design changed, the "
                           "rule table in docs/ARCHITECTURE.md";
}

TEST(Layering, OnlyTheCompositionRootMayIncludeWeb) {
  for (const auto &rule : readRuleTable(kSourceDir / "docs/ARCHITECTURE.md")) {
    for (const auto &allowed : rule.allowed) {
      if (allowed == "web/") {
        EXPECT_EQ(rule.module, "daemon/app/");
      }
    }
  }
}

TEST_F(PlantedTree, ACleanTreePasses) { EXPECT_TRUE(violations().empty()); }

TEST_F(PlantedTree, AStoreThatIncludesTheWebFails) {
  write(root_ / "daemon/store/store.cc", "#include \"web/router.h\"\n");
  const auto found = violations();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("daemon/store/store.cc:1"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("may not include web/router.h"), std::string::npos) << found[0];
}

TEST_F(PlantedTree, APluginThatIncludesTheDaemonFails) {
  write(root_ / "plugins/demo/peek.cc", "#include \"daemon/store/store.h\"\n");
  const auto found = violations();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("plugins/demo/ may not include daemon/store/store.h"),
            std::string::npos)
      << found[0];
}

TEST_F(PlantedTree, APluginThatIncludesAnotherPluginFails) {
  write(root_ / "plugins/other/other.h", "#pragma once\n");
  write(root_ / "plugins/demo/borrow.cc", "#include \"plugins/other/other.h\"\n");
  ASSERT_EQ(violations().size(), 1u);
}

TEST_F(PlantedTree, AnIncludeThatCouldMeanTwoFilesFails) {
  // From web/, "web/router.h" names both web/router.h and web/web/router.h.
  write(root_ / "web/web/router.h", "#pragma once\n");
  write(root_ / "web/page.cc", "#include \"web/router.h\"\n");
  const auto found = violations();
  ASSERT_FALSE(found.empty());
  EXPECT_NE(found[0].find("could mean"), std::string::npos) << found[0];
}

TEST_F(PlantedTree, AnIncludeOfNoFileFails) {
  write(root_ / "web/page.cc", "#include \"store/store.h\"\n");
  const auto found = violations();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("names no file"), std::string::npos) << found[0];
}

TEST_F(PlantedTree, AFolderWithoutARuleFails) {
  write(root_ / "daemon/newthing/thing.cc", "#include <vector>\n");
  const auto found = violations();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("belongs to no module"), std::string::npos) << found[0];
}
