// encore.settings/1: a plugin declares its settings during init and reads them any time.
#include <Poco/Logger.h>

#include "daemon/plugin_host/host_services.h"

namespace encore::services {
namespace {

constexpr size_t kMinSettingDeclSize =
    offsetof(encore_setting_decl, env_var) + sizeof(const char *);

std::optional<SettingDef> toSettingDef(const Plugin &plugin, const encore_setting_decl &d,
                                       std::string &problem) {
  if (d.struct_size < kMinSettingDeclSize) {
    problem = "setting declaration struct is too short";
    return std::nullopt;
  }
  if (d.key == nullptr) {
    problem = "setting declaration without a key";
    return std::nullopt;
  }
  SettingDef def;
  def.owner = plugin.id;
  def.key = plugin.id + "." + d.key;
  def.title = d.title != nullptr ? d.title : d.key;
  def.description = d.description != nullptr ? d.description : "";
  def.envVar = d.env_var != nullptr ? d.env_var : "";
  switch (d.type) {
    case ENCORE_SETTING_BOOL:
      def.type = SettingType::Bool;
      def.defaultValue = d.default_int != 0;
      break;
    case ENCORE_SETTING_INT:
      def.type = SettingType::Int;
      def.defaultValue = static_cast<int64_t>(d.default_int);
      def.min = d.min_int;
      def.max = d.max_int;
      break;
    case ENCORE_SETTING_STRING:
    case ENCORE_SETTING_SECRET:
      def.type = d.type == ENCORE_SETTING_STRING ? SettingType::String : SettingType::Secret;
      def.defaultValue = std::string(d.default_string != nullptr ? d.default_string : "");
      def.max = d.max_int;
      break;
    default:
      problem = def.key + ": unknown setting type " + std::to_string(d.type);
      return std::nullopt;
  }
  problem = checkSettingDef(def);
  if (!problem.empty()) return std::nullopt;
  return def;
}

int32_t declare(const encore_host *host, const encore_setting_decl *const *decls,
                uint32_t count) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || (decls == nullptr && count > 0)) return ENCORE_E_INVALID_ARGUMENT;
    auto &log = Poco::Logger::get("plugins");
    if (!plugin->initializing) {
      log.error("%s: settings can only be declared during init", plugin->id);
      return ENCORE_E_INVALID_ARGUMENT;
    }
    std::vector<SettingDef> defs;
    for (uint32_t i = 0; i < count; ++i) {
      std::string problem = "null setting declaration";
      auto def = decls[i] != nullptr ? toSettingDef(*plugin, *decls[i], problem) : std::nullopt;
      if (!def) {
        log.error("%s: %s", plugin->id, problem);
        return ENCORE_E_INVALID_ARGUMENT;
      }
      if (plugin->context->settings.has(def->key)) {
        log.error("%s: setting %s is declared twice", plugin->id, def->key);
        return ENCORE_E_INVALID_ARGUMENT;
      }
      defs.push_back(std::move(*def));
    }
    for (auto &def : defs) plugin->context->settings.declare(std::move(def));
    return ENCORE_OK;
  });
}

/// "client_id" -> "spotify.client_id"; "server.public_url" stays as it is.
std::string fullKey(const Plugin &plugin, const char *key) {
  std::string k(key);
  if (k.rfind("server.", 0) == 0) return k;
  return plugin.id + "." + k;
}

template <typename T, typename Read>
int32_t readSetting(const encore_host *host, const char *key, T *out, Read read) {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || key == nullptr || out == nullptr) return ENCORE_E_INVALID_ARGUMENT;
    auto &settings = plugin->context->settings;
    std::string k = fullKey(*plugin, key);
    auto def = settings.definition(k);
    if (!def) return ENCORE_E_NOT_FOUND;
    return read(settings, *def, out);
  });
}

int32_t getBool(const encore_host *host, const char *key, int32_t *out) noexcept {
  return readSetting(host, key, out, [](Settings &s, const SettingDef &def, int32_t *o) {
    if (def.type != SettingType::Bool) return ENCORE_E_INVALID_ARGUMENT;
    *o = s.boolValue(def.key) ? 1 : 0;
    return ENCORE_OK;
  });
}

int32_t getInt(const encore_host *host, const char *key, int64_t *out) noexcept {
  return readSetting(host, key, out, [](Settings &s, const SettingDef &def, int64_t *o) {
    if (def.type != SettingType::Int) return ENCORE_E_INVALID_ARGUMENT;
    *o = s.intValue(def.key);
    return ENCORE_OK;
  });
}

int32_t getString(const encore_host *host, const char *key, char **out) noexcept {
  return readSetting(host, key, out, [](Settings &s, const SettingDef &def, char **o) {
    if (def.type != SettingType::String && def.type != SettingType::Secret) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    *o = hostCopy(s.stringValue(def.key));
    return ENCORE_OK;
  });
}

}  // namespace

const encore_settings_v1 *settingsV1() {
  static const encore_settings_v1 table = {sizeof(encore_settings_v1), declare, getBool, getInt,
                                           getString};
  return &table;
}

}  // namespace encore::services
