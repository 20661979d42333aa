#include "layering/include_rules.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace encore::layering {

namespace {

std::string trim(const std::string &text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> backticked(const std::string &cell) {
  std::vector<std::string> out;
  static const std::regex quoted("`([^`]+)`");
  for (std::sregex_iterator it(cell.begin(), cell.end(), quoted), end; it != end; ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

/// The module path a rule names for `file`, with "*" bound to the file's folder; or nothing.
std::optional<std::string> matchModule(const std::string &pattern, const std::string &file) {
  const auto star = pattern.find('*');
  if (star == std::string::npos) {
    if (file.rfind(pattern, 0) == 0) return pattern;
    return std::nullopt;
  }
  const std::string head = pattern.substr(0, star);
  const std::string tail = pattern.substr(star + 1);  // "/" for "plugins/*/"
  if (file.rfind(head, 0) != 0) return std::nullopt;
  const auto slash = file.find('/', head.size());
  if (slash == std::string::npos || slash == head.size()) return std::nullopt;
  const std::string bound = file.substr(0, slash) + tail;
  if (file.rfind(bound, 0) != 0) return std::nullopt;
  return bound;
}

struct Owner {
  const ModuleRule *rule = nullptr;
  std::string module;  // with any "*" bound
};

/// The most specific rule whose module holds `file` (so "artwork/imaging/" could have a
/// row of its own beside "artwork/").
std::optional<Owner> ownerOf(const std::vector<ModuleRule> &rules, const std::string &file) {
  std::optional<Owner> best;
  for (const auto &rule : rules) {
    auto module = matchModule(rule.module, file);
    if (module && (!best || module->size() > best->module.size())) best = Owner{&rule, *module};
  }
  return best;
}

bool isSource(const fs::path &path) {
  const auto ext = path.extension().string();
  return ext == ".c" || ext == ".cc" || ext == ".cpp" || ext == ".h" || ext == ".hpp";
}

std::string relativeName(const fs::path &path, const fs::path &root) {
  return fs::relative(path, root).generic_string();
}

/// The files of the tree a quoted include can mean.
std::vector<std::string> resolve(const fs::path &root, const std::string &includer,
                                 const std::string &include) {
  std::vector<std::string> found;
  auto consider = [&](const fs::path &candidate) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) return;
    auto name = relativeName(fs::weakly_canonical(candidate), fs::weakly_canonical(root));
    if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
  };
  consider(root / include);
  consider(root / fs::path(includer).parent_path() / include);
  if (include.rfind("encore/", 0) == 0) consider(root / "plugin_api/include" / include);
  return found;
}

std::vector<std::string> sourceRoots(const std::vector<ModuleRule> &rules) {
  std::vector<std::string> roots;
  for (const auto &rule : rules) {
    std::string top = rule.module.substr(0, rule.module.find('/'));
    if (std::find(roots.begin(), roots.end(), top) == roots.end()) roots.push_back(top);
  }
  return roots;
}

}  // namespace

std::vector<ModuleRule> readRuleTable(const fs::path &markdown) {
  std::ifstream in(markdown);
  if (!in) throw std::runtime_error("cannot read " + markdown.string());
  std::vector<ModuleRule> rules;
  std::string line;
  bool inSection = false, inTable = false;
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0) {
      if (inTable) break;
      inSection = trim(line) == "### The rule table";
      continue;
    }
    if (!inSection) continue;
    if (line.rfind("|", 0) != 0) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    std::string cell;
    while (std::getline(row, cell, '|')) cells.push_back(trim(cell));
    if (cells.size() < 2) throw std::runtime_error("malformed rule row: " + line);
    if (cells[0] == "module" || cells[0].rfind("---", 0) == 0) continue;
    auto module = backticked(cells[0]);
    if (module.size() != 1 || module[0].back() != '/') {
      throw std::runtime_error("a rule row names one module folder ending in '/': " + line);
    }
    rules.push_back({module[0], backticked(cells[1])});
  }
  if (rules.empty()) throw std::runtime_error("no rule table in " + markdown.string());
  return rules;
}

std::vector<Violation> checkTree(const fs::path &root, const std::vector<ModuleRule> &rules) {
  static const std::regex includeLine(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<Violation> violations;
  for (const auto &top : sourceRoots(rules)) {
    std::error_code ec;
    if (!fs::is_directory(root / top, ec)) continue;
    for (const auto &entry : fs::recursive_directory_iterator(root / top)) {
      if (!entry.is_regular_file() || !isSource(entry.path())) continue;
      const std::string file = relativeName(entry.path(), root);
      const auto owner = ownerOf(rules, file);
      if (!owner) {
        violations.push_back({file, 0, "", "belongs to no module of the rule table"});
        continue;
      }
      std::ifstream in(entry.path());
      std::string text;
      int lineNo = 0;
      while (std::getline(in, text)) {
        ++lineNo;
        std::smatch match;
        if (!std::regex_search(text, match, includeLine)) continue;
        const std::string include = match[1].str();
        const auto targets = resolve(root, file, include);
        if (targets.empty()) {
          violations.push_back({file, lineNo, include, "names no file of the tree"});
          continue;
        }
        if (targets.size() > 1) {
          violations.push_back(
              {file, lineNo, include, "could mean " + targets[0] + " or " + targets[1]});
          continue;
        }
        const std::string &target = targets[0];
        if (target.rfind(owner->module, 0) == 0) continue;
        const bool allowed =
            std::any_of(owner->rule->allowed.begin(), owner->rule->allowed.end(),
                        [&](const std::string &prefix) { return target.rfind(prefix, 0) == 0; });
        if (!allowed) {
          violations.push_back({file, lineNo, include,
                                owner->module + " may not include " + target +
                                    " (docs/ARCHITECTURE.md, the rule table)"});
        }
      }
    }
  }
  std::sort(violations.begin(), violations.end(), [](const Violation &a, const Violation &b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  return violations;
}

std::string describe(const Violation &violation) {
  return violation.file + ":" + std::to_string(violation.line) + ": #include \"" +
         violation.include + "\": " + violation.why;
}

}  // namespace encore::layering
