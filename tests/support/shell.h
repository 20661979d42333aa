// Runs a shell command from a test and keeps what it printed.
#pragma once

#include <string>

namespace encore::test {

/// Runs `command` with sh, stderr joined to stdout; its exit code (-1 if it could not run).
int runShell(const std::string &command, std::string *output = nullptr);

}  // namespace encore::test
