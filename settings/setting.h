// A setting's declaration (type, default, bounds, description) and its value type.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace encore {

enum class SettingType { Bool, Int, String, Secret };

using SettingValue = std::variant<bool, int64_t, std::string>;

const char *settingTypeName(SettingType type);

struct SettingDef {
  std::string key;    // full key: "<owner>.<name>", e.g. "spotify.artists_sync_interval_minutes"
  std::string owner;  // "server", "artwork", or a plugin id
  SettingType type = SettingType::String;
  std::string title;
  std::string description;
  SettingValue defaultValue;
  int64_t min = 0;     // Int: inclusive bounds
  int64_t max = 0;     // String/Secret: max length in bytes
  std::string envVar;  // supplies the value while none is stored
  /// A further check of a well-typed value: "" when it is fine, else what is wrong with it
  /// (e.g. an unknown time zone). Optional.
  std::function<std::string(const SettingValue &)> check;
  /// Values to offer in a searchable list (e.g. the system's time zones). Optional.
  std::function<std::vector<std::string>()> suggestions;

  bool isSecret() const { return type == SettingType::Secret; }
};

/// Builders for the host's own declarations; the owner is the key's prefix.
SettingDef boolSetting(const std::string &key, std::string title, std::string description,
                       bool defaultValue);
SettingDef intSetting(const std::string &key, std::string title, std::string description,
                      int64_t defaultValue, int64_t min, int64_t max);
SettingDef stringSetting(const std::string &key, std::string title, std::string description,
                         std::string defaultValue, int64_t maxLength);

/// The largest string a setting may hold when its declaration gives no limit.
constexpr int64_t kDefaultMaxStringLength = 4096;

/// Checks one JSON value against `def`: the converted value, or an error message naming
/// what was expected ("expected an integer between 1 and 1440").
struct ValidationResult {
  std::optional<SettingValue> value;
  std::string error;
};
ValidationResult validateSettingValue(const SettingDef &def, const nlohmann::json &input);

/// Checks a declaration itself: key shape, bounds, default within bounds. Empty if fine.
std::string checkSettingDef(const SettingDef &def);

nlohmann::json settingValueToJson(const SettingValue &value);

}  // namespace encore
