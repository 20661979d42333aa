#include "operations/metrics_scrape.h"

#include <sstream>

#include "support/shell.h"
#include "support/temp_dir.h"

namespace encore::test {

std::map<std::string, double> parseMetrics(const std::string &text) {
  std::map<std::string, double> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto space = line.rfind(' ');
    if (space == std::string::npos) continue;
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

int promtoolCheck(const std::string &text, std::string *output) {
  TempDir dir;
  writeFile(dir / "scrape.txt", text);
  return runShell("promtool check metrics < '" + (dir / "scrape.txt").string() + "'", output);
}

}  // namespace encore::test
