// Reading a /metrics scrape in tests: its samples by series, and promtool's verdict.
#pragma once

#include <map>
#include <string>

namespace encore::test {

/// Every sample of a text exposition, keyed by the series as written
/// (`name{label="value",...}`).
std::map<std::string, double> parseMetrics(const std::string &text);

/// Runs `promtool check metrics` on `text`; its exit code, its output in `output`.
int promtoolCheck(const std::string &text, std::string *output);

}  // namespace encore::test
