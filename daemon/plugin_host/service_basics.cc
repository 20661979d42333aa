// encore.log/1, encore.time/1, encore.config/1 and encore.run/1.
#include <Poco/Logger.h>

#include "daemon/core/unicode_text.h"
#include "daemon/plugin_host/host_services.h"

namespace encore::services {
namespace {

void logMessage(const encore_host *host, int32_t level, const char *message) noexcept {
  guarded(0, [&] {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || message == nullptr) return 0;
    auto &logger = Poco::Logger::get("plugin." + plugin->id);
    std::string text(message, strnlen(message, 8192));
    switch (level) {
      case ENCORE_LOG_DEBUG:
        logger.debug(text);
        break;
      case ENCORE_LOG_INFO:
        logger.information(text);
        break;
      case ENCORE_LOG_WARNING:
        logger.warning(text);
        break;
      default:
        logger.error(text);
        break;
    }
    return 0;
  });
}

int64_t nowMs(const encore_host *host) noexcept {
  return guarded<int64_t>(0, [&]() -> int64_t {
    Plugin *plugin = pluginOf(host);
    return plugin == nullptr ? 0 : plugin->context->clock.nowMs();
  });
}

int32_t sleepMs(encore_run *run, int64_t ms) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || ms < 0) return ENCORE_E_INVALID_ARGUMENT;
    Clock &clock = run->plugin->context->clock;
    return clock.sleepUntil(clock.nowMs() + ms, run->cancel) ? ENCORE_OK : ENCORE_E_CANCELLED;
  });
}

int32_t isCancelled(encore_run *run) noexcept {
  return run != nullptr && run->cancel != nullptr && run->cancel->cancelled() ? 1 : 0;
}

int32_t configGet(const encore_host *host, const char *key, char **valueOut) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || key == nullptr || valueOut == nullptr)
      return ENCORE_E_INVALID_ARGUMENT;
    if (std::strncmp(key, "ENCORE_", 7) != 0) return ENCORE_E_INVALID_ARGUMENT;
    auto value = plugin->context->config(key);
    if (!value) return ENCORE_E_NOT_FOUND;
    *valueOut = hostCopy(*value);
    return ENCORE_OK;
  });
}

const char *runId(encore_run *run) noexcept {
  return run == nullptr ? "" : run->localId.c_str();
}

uint32_t itemCount(encore_run *run) noexcept {
  return run == nullptr ? 0 : static_cast<uint32_t>(run->items.size());
}

const char *itemAt(encore_run *run, uint32_t index) noexcept {
  if (run == nullptr || index >= run->items.size()) return nullptr;
  return run->items[index].c_str();
}

int32_t isManual(encore_run *run) noexcept {
  return run != nullptr && run->manual ? 1 : 0;
}

void setError(encore_run *run, const char *message) noexcept {
  guarded(0, [&] {
    if (run == nullptr || message == nullptr) return 0;
    // Shown in /api/workers: whole characters, valid UTF-8 whatever the plugin sent.
    run->lastError = text::clipBytes(std::string_view(message, strnlen(message, 4096)), 1024);
    return 0;
  });
}

}  // namespace

const encore_log_v1 *logV1() {
  static const encore_log_v1 table = {sizeof(encore_log_v1), logMessage};
  return &table;
}

const encore_time_v1 *timeV1() {
  static const encore_time_v1 table = {sizeof(encore_time_v1), nowMs, sleepMs, isCancelled};
  return &table;
}

const encore_config_v1 *configV1() {
  static const encore_config_v1 table = {sizeof(encore_config_v1), configGet};
  return &table;
}

const encore_run_v1 *runV1() {
  static const encore_run_v1 table = {
      sizeof(encore_run_v1), runId, itemCount, itemAt, isManual, setError};
  return &table;
}

}  // namespace encore::services
