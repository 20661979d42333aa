#include "daemon/app/daemon_options.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

namespace encore {

uint16_t parsePort(const std::string &text) {
  size_t used = 0;
  long value = -1;
  try {
    value = std::stol(text, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used != text.size() || value < 0 || value > 65535) {
    throw std::invalid_argument("invalid port '" + text + "': expected 0..65535");
  }
  return static_cast<uint16_t>(value);
}

void resolveOptions(DaemonOptions &options, const ConfigLookup &lookup,
                    const std::function<bool(const std::string &)> &cliSet) {
  auto fill = [&](const char *option, const char *key, std::string &target) {
    if (cliSet(option)) return;
    if (auto v = lookup(key); v && !v->empty()) target = *v;
  };
  fill("data-dir", "ENCORE_DATA_DIR", options.dataDir);
  fill("bind", "ENCORE_BIND", options.bind);
  fill("plugin-dir", "ENCORE_PLUGIN_DIR", options.pluginDir);
  fill("log-level", "ENCORE_LOG_LEVEL", options.logLevel);
  if (!cliSet("port")) {
    if (auto v = lookup("ENCORE_PORT"); v && !v->empty()) options.port = parsePort(*v);
  }
  if (options.pluginDir.empty()) options.pluginDir = defaultPluginDir();
  // Absolute now: --daemon changes the working directory to / after start-up.
  options.dataDir = std::filesystem::absolute(options.dataDir).lexically_normal().string();
  options.pluginDir = std::filesystem::absolute(options.pluginDir).lexically_normal().string();
}

std::string defaultPluginDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "plugins";
  return (exe.parent_path() / ".." / "lib" / "encore" / "plugins").lexically_normal().string();
}

}  // namespace encore
