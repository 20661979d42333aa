#include "settings/settings.h"

#include <chrono>
#include <stdexcept>

#include "daemon/store/store.h"

namespace encore {

Settings::Settings(Store &store, EnvLookup env) : store_(store), env_(std::move(env)) {}

void Settings::declare(SettingDef def) {
  if (auto problem = checkSettingDef(def); !problem.empty()) {
    throw std::invalid_argument(problem);
  }
  auto stored = loadStored(def);
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.count(def.key) != 0) {
    throw std::invalid_argument("setting '" + def.key + "' is declared twice");
  }
  order_.push_back(def.key);
  std::string key = def.key;
  entries_.emplace(key, Entry{std::move(def), std::move(stored)});
}

std::optional<SettingValue> Settings::loadStored(const SettingDef &def) {
  auto text = store_.read([&](Database &db) -> std::optional<std::string> {
    auto q = db.prepare("SELECT value FROM app_settings WHERE key = ?");
    q->bind(def.key);
    if (!q->step()) return std::nullopt;
    return q->text(0);
  });
  if (!text) return std::nullopt;
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  auto checked = validateSettingValue(def, parsed);
  // A stored value that no longer fits (bounds changed in a newer version) falls back to
  // the default rather than stopping start-up; the row stays until the user saves.
  return checked.value;
}

std::optional<SettingValue> Settings::fromEnvironment(const SettingDef &def) const {
  if (def.envVar.empty() || !env_) return std::nullopt;
  auto raw = env_(def.envVar);
  if (!raw) return std::nullopt;
  nlohmann::json input;
  switch (def.type) {
    case SettingType::Bool:
      input = (*raw == "1" || *raw == "true" || *raw == "yes");
      break;
    case SettingType::Int:
      try {
        input = std::stoll(*raw);
      } catch (const std::exception &) {
        return std::nullopt;
      }
      break;
    case SettingType::String:
    case SettingType::Secret:
      input = *raw;
      break;
  }
  return validateSettingValue(def, input).value;
}

const Settings::Entry &Settings::entry(const std::string &key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) throw std::out_of_range("unknown setting '" + key + "'");
  return it->second;
}

void Settings::removeOwner(const std::string &owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> kept;
  for (const auto &key : order_) {
    if (entries_.at(key).def.owner == owner) {
      entries_.erase(key);
    } else {
      kept.push_back(key);
    }
  }
  order_ = std::move(kept);
}

std::vector<SettingDef> Settings::definitions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SettingDef> out;
  out.reserve(order_.size());
  for (const auto &key : order_) out.push_back(entries_.at(key).def);
  return out;
}

std::optional<SettingDef> Settings::definition(const std::string &key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second.def;
}

bool Settings::has(const std::string &key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.count(key) != 0;
}

SettingValue Settings::value(const std::string &key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Entry &e = entry(key);
  if (e.stored) return *e.stored;
  if (auto env = fromEnvironment(e.def)) return *env;
  return e.def.defaultValue;
}

Settings::Origin Settings::origin(const std::string &key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Entry &e = entry(key);
  if (e.stored) return Origin::Stored;
  if (fromEnvironment(e.def)) return Origin::Environment;
  return Origin::Default;
}

bool Settings::boolValue(const std::string &key) const {
  auto v = value(key);
  if (!std::holds_alternative<bool>(v)) throw std::invalid_argument(key + " is not a bool");
  return std::get<bool>(v);
}

int64_t Settings::intValue(const std::string &key) const {
  auto v = value(key);
  if (!std::holds_alternative<int64_t>(v)) throw std::invalid_argument(key + " is not an int");
  return std::get<int64_t>(v);
}

std::string Settings::stringValue(const std::string &key) const {
  auto v = value(key);
  if (!std::holds_alternative<std::string>(v)) {
    throw std::invalid_argument(key + " is not a string");
  }
  return std::get<std::string>(v);
}

std::vector<Settings::FieldError> Settings::update(const nlohmann::json &changes) {
  std::vector<FieldError> errors;
  if (!changes.is_object()) {
    errors.push_back({"", "expected a JSON object of setting keys and values"});
    return errors;
  }
  // Validate everything against a consistent view of the declarations first.
  std::vector<std::pair<std::string, std::optional<SettingValue>>> accepted;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto &[key, input] : changes.items()) {
      auto it = entries_.find(key);
      if (it == entries_.end()) {
        errors.push_back({key, "unknown setting"});
        continue;
      }
      if (input.is_null()) {
        accepted.emplace_back(key, std::nullopt);
        continue;
      }
      auto checked = validateSettingValue(it->second.def, input);
      if (!checked.value) {
        errors.push_back({key, checked.error});
      } else {
        accepted.emplace_back(key, std::move(checked.value));
      }
    }
  }
  if (!errors.empty() || accepted.empty()) return errors;

  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  store_.write([&](Database &db) {
    for (const auto &[key, value] : accepted) {
      if (value) {
        db.prepare(
              "INSERT INTO app_settings(key, value, updated_at) "
              "VALUES (?, ?, ?) "
              "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
              "updated_at = excluded.updated_at")
            ->bind(key, settingValueToJson(*value).dump(), now)
            .run();
      } else {
        db.prepare("DELETE FROM app_settings WHERE key = ?")->bind(key).run();
      }
    }
  });

  std::vector<std::string> changed;
  std::vector<Listener> listeners;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto &[key, value] : accepted) {
      entries_.at(key).stored = std::move(value);
      changed.push_back(key);
    }
    ++generation_;
    listeners = listeners_;
  }
  for (const auto &listener : listeners) listener(changed);
  return errors;
}

uint64_t Settings::generation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_;
}

void Settings::onChange(Listener listener) {
  std::lock_guard<std::mutex> lock(mutex_);
  listeners_.push_back(std::move(listener));
}

}  // namespace encore
