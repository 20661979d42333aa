// The settings of the host and every plugin: declarations, stored values in `app_settings`,
// validation of whole updates, and change notification so workers pick values up on their
// next cycle without a restart.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "settings/setting.h"

namespace encore {

class Store;

class Settings {
 public:
  /// Looks up an environment variable (injectable for tests).
  using EnvLookup = std::function<std::optional<std::string>(const std::string &)>;
  using Listener = std::function<void(const std::vector<std::string> &changedKeys)>;

  enum class Origin { Default, Environment, Stored };

  struct FieldError {
    std::string key;
    std::string message;
  };

  Settings(Store &store, EnvLookup env);

  /// Adds a declaration and loads its stored value. Throws std::invalid_argument for a bad
  /// or duplicate declaration.
  void declare(SettingDef def);

  /// Forgets every declaration of `owner` (a plugin that was refused after declaring);
  /// stored values stay in the database.
  void removeOwner(const std::string &owner);

  std::vector<SettingDef> definitions() const;
  std::optional<SettingDef> definition(const std::string &key) const;
  bool has(const std::string &key) const;

  /// The effective value: stored, else from the environment variable, else the default.
  /// Throws std::out_of_range for an undeclared key.
  SettingValue value(const std::string &key) const;
  bool boolValue(const std::string &key) const;
  int64_t intValue(const std::string &key) const;
  std::string stringValue(const std::string &key) const;
  Origin origin(const std::string &key) const;

  /// Applies a flat object {"key": value, ...}; `null` resets a key to its default.
  /// Every entry is validated first; if any is wrong (unknown key, wrong type, out of
  /// range) nothing is applied and every error is returned. Otherwise all values are
  /// written in one transaction, then become visible together and listeners run.
  std::vector<FieldError> update(const nlohmann::json &changes);

  /// Bumped by every applied update.
  uint64_t generation() const;

  void onChange(Listener listener);

 private:
  struct Entry {
    SettingDef def;
    std::optional<SettingValue> stored;
  };

  const Entry &entry(const std::string &key) const;  // caller holds mutex_
  std::optional<SettingValue> fromEnvironment(const SettingDef &def) const;
  std::optional<SettingValue> loadStored(const SettingDef &def);

  Store &store_;
  EnvLookup env_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::vector<std::string> order_;
  uint64_t generation_ = 0;
  std::vector<Listener> listeners_;
};

}  // namespace encore
