// The daemon's start-up configuration. Each option comes from, in order of precedence:
// the command line, the environment (ENCORE_*), the --config properties file (same
// ENCORE_* keys), the default.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace encore {

struct DaemonOptions {
  std::string dataDir = "./data";
  std::string bind = "127.0.0.1";
  uint16_t port = 8770;
  std::string pluginDir;  // "": next to the binary (../lib/encore/plugins)
  std::string configFile;
  std::string logLevel = "information";
  bool daemonize = false;
};

/// Looks a key up in the environment, then the config file.
using ConfigLookup = std::function<std::optional<std::string>(const std::string &)>;

/// Fills what the command line left unset (`cliSet` tells which were set) from `lookup`.
/// Throws std::invalid_argument for a bad port.
void resolveOptions(DaemonOptions &options, const ConfigLookup &lookup,
                    const std::function<bool(const std::string &)> &cliSet);

/// The plugin directory used when none is configured: <binary dir>/../lib/encore/plugins.
std::string defaultPluginDir();

uint16_t parsePort(const std::string &text);

}  // namespace encore
