#include "settings/setting.h"

#include <regex>

namespace encore {

const char *settingTypeName(SettingType type) {
  switch (type) {
    case SettingType::Bool:
      return "bool";
    case SettingType::Int:
      return "int";
    case SettingType::String:
      return "string";
    case SettingType::Secret:
      return "secret";
  }
  return "string";
}

namespace {

int64_t maxLength(const SettingDef &def) {
  return def.max > 0 ? def.max : kDefaultMaxStringLength;
}

}  // namespace

ValidationResult validateSettingValue(const SettingDef &def, const nlohmann::json &input) {
  ValidationResult result;
  switch (def.type) {
    case SettingType::Bool:
      if (!input.is_boolean()) {
        result.error = "expected true or false";
      } else {
        result.value = input.get<bool>();
      }
      break;
    case SettingType::Int: {
      const std::string range = "expected an integer between " + std::to_string(def.min) + " and " +
                                std::to_string(def.max);
      if (!input.is_number_integer()) {
        result.error = range;
        break;
      }
      // Unsigned values above INT64_MAX cannot be in range.
      if (input.is_number_unsigned() && input.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
        result.error = range;
        break;
      }
      int64_t v = input.get<int64_t>();
      if (v < def.min || v > def.max) {
        result.error = range;
      } else {
        result.value = v;
      }
      break;
    }
    case SettingType::String:
    case SettingType::Secret: {
      if (!input.is_string()) {
        result.error = "expected a string";
        break;
      }
      auto s = input.get<std::string>();
      if (static_cast<int64_t>(s.size()) > maxLength(def)) {
        result.error = "longer than " + std::to_string(maxLength(def)) + " bytes";
      } else if (s.find('\0') != std::string::npos) {
        result.error = "contains a NUL byte";
      } else {
        result.value = std::move(s);
      }
      break;
    }
  }
  if (result.value && def.check) {
    result.error = def.check(*result.value);
    if (!result.error.empty()) result.value.reset();
  }
  return result;
}

std::string checkSettingDef(const SettingDef &def) {
  static const std::regex keyPattern("[a-z][a-z0-9_]{0,31}\\.[a-z0-9_]{1,64}");
  if (!std::regex_match(def.key, keyPattern)) return "invalid setting key '" + def.key + "'";
  if (def.key.compare(0, def.owner.size() + 1, def.owner + ".") != 0) {
    return "setting key '" + def.key + "' is outside its owner '" + def.owner + "'";
  }
  switch (def.type) {
    case SettingType::Bool:
      if (!std::holds_alternative<bool>(def.defaultValue))
        return def.key + ": default is not a bool";
      break;
    case SettingType::Int: {
      if (!std::holds_alternative<int64_t>(def.defaultValue)) {
        return def.key + ": default is not an integer";
      }
      int64_t v = std::get<int64_t>(def.defaultValue);
      if (def.min > def.max) return def.key + ": min is above max";
      if (v < def.min || v > def.max) return def.key + ": default is outside its bounds";
      break;
    }
    case SettingType::String:
    case SettingType::Secret:
      if (!std::holds_alternative<std::string>(def.defaultValue)) {
        return def.key + ": default is not a string";
      }
      if (def.max < 0) return def.key + ": negative maximum length";
      break;
  }
  if (!def.envVar.empty() && def.envVar.rfind("ENCORE_", 0) != 0) {
    return def.key + ": environment variable must start with ENCORE_";
  }
  return {};
}

namespace {

SettingDef baseSetting(const std::string &key, SettingType type, std::string title,
                       std::string description) {
  SettingDef def;
  def.key = key;
  def.owner = key.substr(0, key.find('.'));
  def.type = type;
  def.title = std::move(title);
  def.description = std::move(description);
  return def;
}

}  // namespace

SettingDef boolSetting(const std::string &key, std::string title, std::string description,
                       bool defaultValue) {
  SettingDef def = baseSetting(key, SettingType::Bool, std::move(title), std::move(description));
  def.defaultValue = defaultValue;
  return def;
}

SettingDef intSetting(const std::string &key, std::string title, std::string description,
                      int64_t defaultValue, int64_t min, int64_t max) {
  SettingDef def = baseSetting(key, SettingType::Int, std::move(title), std::move(description));
  def.defaultValue = defaultValue;
  def.min = min;
  def.max = max;
  return def;
}

SettingDef stringSetting(const std::string &key, std::string title, std::string description,
                         std::string defaultValue, int64_t maxLength) {
  SettingDef def = baseSetting(key, SettingType::String, std::move(title), std::move(description));
  def.defaultValue = std::move(defaultValue);
  def.max = maxLength;
  return def;
}

nlohmann::json settingValueToJson(const SettingValue &value) {
  return std::visit([](const auto &v) { return nlohmann::json(v); }, value);
}

}  // namespace encore
