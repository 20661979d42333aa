// Reads a daemon's database directly (read-only), to check what was stored.
#pragma once

#include <cstdint>
#include <string>

namespace encore::test {

/// The first column of the first row of `sql` as an integer (0 when there is none).
int64_t queryInt(const std::string &dataDir, const std::string &sql);
/// ... as text ("" when there is none).
std::string queryText(const std::string &dataDir, const std::string &sql);

}  // namespace encore::test
