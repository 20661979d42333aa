// The layering rule: which module of the product may include which. The table lives in
// docs/ARCHITECTURE.md ("The rule table"); this reads it and checks a source tree against it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace encore::layering {

/// One row of the table: files under `module` (a folder path ending in '/', where "*"
/// stands for any one folder name) may include files under `allowed` and their own module.
struct ModuleRule {
  std::string module;
  std::vector<std::string> allowed;
};

/// Reads the rows of the first table under the heading "### The rule table" of a Markdown
/// file. Throws std::runtime_error when there is no such table or a row is malformed.
std::vector<ModuleRule> readRuleTable(const std::filesystem::path &markdown);

struct Violation {
  std::string file;  // relative to the tree's root
  int line = 0;
  std::string include;
  std::string why;
};

/// Every quoted #include of every C/C++ file under the rules' modules in `root`, checked:
/// it must resolve to exactly one file of the tree (from the root, from the including file's
/// folder, or as "encore/..." under plugin_api/include/), and that file must be in the
/// includer's own module or in one its row allows. A source file under a module's top
/// folder that no row holds is a violation too, so a new folder gets a rule.
std::vector<Violation> checkTree(const std::filesystem::path &root,
                                 const std::vector<ModuleRule> &rules);

std::string describe(const Violation &violation);

}  // namespace encore::layering
