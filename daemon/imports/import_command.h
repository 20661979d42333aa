// `encored import <path>`: imports a file into the data directory from the command line.
// Safe beside a running daemon on the same data directory: both write through SQLite's
// WAL with a busy timeout, one short transaction per page.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace encore {

struct ImportCommandOptions {
  std::string path;
  std::string dataDir;
  std::string pluginDir;
  std::function<std::optional<std::string>(const std::string &)> config;
};

/// Runs the import (resuming an unfinished one of the same file) and reports on `out`.
/// Returns a process exit code: 0 done, 1 failed, 2 usage.
int runImportCommand(const ImportCommandOptions &options, std::ostream &out, std::ostream &err);

}  // namespace encore
