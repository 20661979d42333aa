// encore/decl.hpp -- what a plugin declares (its entry, settings, jobs, importers, sinks)
// written by name, with counts the compiler takes:
//
//   constexpr encore_setting_decl kSettings[] = {
//       encore::boolSetting({.key = "enabled", .title = "Sync", .description = "...",
//                            .defaultValue = true}),
//   };
//   constexpr auto kSettingList = encore::declList(kSettings);   // pointers, std::size
//   ...
//   ENCORE_PLUGIN_ENTRY = encore::pluginEntry({.id = "mine", .name = "Mine", ...,
//                                              .jobs = kJobList});
//
// (Designated initializers are C++20; in C++17 fill the same structs member by member.)
// Every helper fills struct_size and leaves what is not named at its documented default.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "encore/plugin_api.h"

namespace encore {

/// A declaration array as the ABI takes it: pointers and their count.
template <typename Decl>
struct DeclList {
  const Decl *const *items = nullptr;
  uint32_t count = 0;

  constexpr DeclList() = default;
  template <size_t N>
  constexpr DeclList(const std::array<const Decl *, N> &list)  // NOLINT: implicit on purpose
      : items(list.data()), count(static_cast<uint32_t>(N)) {}
};

namespace detail {
template <typename Decl, size_t N, size_t... I>
constexpr std::array<const Decl *, N> pointersTo(const Decl (&decls)[N],
                                                 std::index_sequence<I...>) {
  return {{&decls[I]...}};
}
}  // namespace detail

/// The pointer array the ABI wants, of a static array of declarations. Keep the result in
/// a namespace-scope constexpr too: the entry points into it.
template <typename Decl, size_t N>
constexpr std::array<const Decl *, N> declList(const Decl (&decls)[N]) {
  return detail::pointersTo(decls, std::make_index_sequence<N>{});
}

// ---- settings ---------------------------------------------------------------------------

struct BoolSettingDecl {
  const char *key = nullptr;  // [a-z0-9_]{1,64}, without the plugin prefix
  const char *title = nullptr;
  const char *description = nullptr;
  bool defaultValue = false;
  const char *envVar = nullptr;  // an ENCORE_* variable that supplies it while none is stored
};
struct IntSettingDecl {
  const char *key = nullptr;
  const char *title = nullptr;
  const char *description = nullptr;  // say the unit
  int64_t defaultValue = 0;
  int64_t min = 0;  // inclusive
  int64_t max = 0;  // inclusive
  const char *envVar = nullptr;
};
struct StringSettingDecl {
  const char *key = nullptr;
  const char *title = nullptr;
  const char *description = nullptr;
  const char *defaultValue = nullptr;  // nullptr: ""
  int64_t maxBytes = 0;                // 0: the host's limit of 4096
  const char *envVar = nullptr;
};

constexpr encore_setting_decl boolSetting(const BoolSettingDecl &s) {
  encore_setting_decl d{};
  d.struct_size = sizeof(encore_setting_decl);
  d.key = s.key;
  d.type = ENCORE_SETTING_BOOL;
  d.title = s.title;
  d.description = s.description;
  d.default_int = s.defaultValue ? 1 : 0;
  d.env_var = s.envVar;
  return d;
}
constexpr encore_setting_decl intSetting(const IntSettingDecl &s) {
  encore_setting_decl d{};
  d.struct_size = sizeof(encore_setting_decl);
  d.key = s.key;
  d.type = ENCORE_SETTING_INT;
  d.title = s.title;
  d.description = s.description;
  d.default_int = s.defaultValue;
  d.min_int = s.min;
  d.max_int = s.max;
  d.env_var = s.envVar;
  return d;
}
constexpr encore_setting_decl stringSetting(const StringSettingDecl &s) {
  encore_setting_decl d{};
  d.struct_size = sizeof(encore_setting_decl);
  d.key = s.key;
  d.type = ENCORE_SETTING_STRING;
  d.title = s.title;
  d.description = s.description;
  d.default_string = s.defaultValue;
  d.max_int = s.maxBytes;
  d.env_var = s.envVar;
  return d;
}
/// A string the API never echoes and the log never shows (keys, client secrets).
constexpr encore_setting_decl secretSetting(const StringSettingDecl &s) {
  encore_setting_decl d = stringSetting(s);
  d.type = ENCORE_SETTING_SECRET;
  return d;
}

// ---- jobs, importers, sinks -------------------------------------------------------------

struct JobDecl {
  const char *id = nullptr;  // [a-z0-9_]{1,64}; the host names it "<plugin>.<id>"
  const char *title = nullptr;
  const char *description = nullptr;
  int64_t cooldownSeconds = 3600;         // between the end of a run and the next start
  const char *cooldownSetting = nullptr;  // an INT setting that overrides it...
  int64_t cooldownUnitSeconds = 1;        // ...counted in this unit (60: minutes)
  const char *enabledSetting = nullptr;   // a BOOL setting that turns the job on and off
  encore_run_fn run = nullptr;
};
/// A job that works through a large set a few items at a time (plugin_api.h).
struct GradualJobDecl {
  const char *id = nullptr;
  const char *title = nullptr;
  const char *description = nullptr;
  int64_t cooldownSeconds = 3600;
  const char *cooldownSetting = nullptr;
  int64_t cooldownUnitSeconds = 1;
  const char *enabledSetting = nullptr;
  int64_t batchSize = 10;                // items per run...
  const char *batchSetting = nullptr;    // ...or this INT setting's value
  const char *itemType = nullptr;        // "artist", "album", "playlist" or "track"
  int64_t itemStaleSeconds = 0;          // again after this long; 0: 24 hours
  const char *itemCollection = nullptr;  // only members of this library collection
  encore_run_fn run = nullptr;
};
struct ImporterDecl {
  const char *id = nullptr;
  const char *title = nullptr;
  int32_t (*probe)(void *plugin_state, const char *file_name, const uint8_t *head,
                   size_t head_len) = nullptr;
  encore_run_fn run = nullptr;
};
struct SinkDecl {
  const char *id = nullptr;
  const char *title = nullptr;
  const char *accepts = nullptr;  // the document type it takes, e.g. "playlist_push"
  encore_run_fn push = nullptr;
};

constexpr encore_job_decl job(const JobDecl &j) {
  encore_job_decl d{};
  d.struct_size = sizeof(encore_job_decl);
  d.id = j.id;
  d.title = j.title;
  d.description = j.description;
  d.default_cooldown_seconds = j.cooldownSeconds;
  d.cooldown_setting = j.cooldownSetting;
  d.cooldown_unit_seconds = j.cooldownUnitSeconds;
  d.enabled_setting = j.enabledSetting;
  d.run = j.run;
  return d;
}
constexpr encore_job_decl gradualJob(const GradualJobDecl &j) {
  encore_job_decl d{};
  d.struct_size = sizeof(encore_job_decl);
  d.id = j.id;
  d.title = j.title;
  d.description = j.description;
  d.default_cooldown_seconds = j.cooldownSeconds;
  d.cooldown_setting = j.cooldownSetting;
  d.cooldown_unit_seconds = j.cooldownUnitSeconds;
  d.enabled_setting = j.enabledSetting;
  d.run = j.run;
  d.gradual = 1;
  d.batch_size = j.batchSize;
  d.batch_setting = j.batchSetting;
  d.item_type = j.itemType;
  d.item_stale_seconds = j.itemStaleSeconds;
  d.item_collection = j.itemCollection;
  return d;
}
constexpr encore_importer_decl importer(const ImporterDecl &i) {
  encore_importer_decl d{};
  d.struct_size = sizeof(encore_importer_decl);
  d.id = i.id;
  d.title = i.title;
  d.probe = i.probe;
  d.run = i.run;
  return d;
}
constexpr encore_sink_decl sink(const SinkDecl &s) {
  encore_sink_decl d{};
  d.struct_size = sizeof(encore_sink_decl);
  d.id = s.id;
  d.title = s.title;
  d.accepts = s.accepts;
  d.push = s.push;
  return d;
}

// ---- the entry --------------------------------------------------------------------------

struct PluginDecl {
  const char *id = nullptr;  // [a-z][a-z0-9_]{0,31}
  const char *name = nullptr;
  const char *version = nullptr;
  const char *description = nullptr;
  int32_t (*init)(const encore_host *host, void **state_out) = nullptr;
  void (*shutdown)(void *plugin_state) = nullptr;
  const char *enabledSetting = nullptr;  // the master toggle, a BOOL setting
  DeclList<encore_job_decl> jobs = {};
  DeclList<encore_importer_decl> importers = {};
  DeclList<encore_sink_decl> sinks = {};
  /// The ABI minor the plugin needs. The header's by default; an older one lets an older
  /// host load the plugin, which then tests for later additions (Host::hasSetError...).
  uint32_t abiMinor = ENCORE_ABI_MINOR;
};

constexpr encore_plugin_entry_t pluginEntry(const PluginDecl &p) {
  encore_plugin_entry_t e{};
  e.struct_size = sizeof(encore_plugin_entry_t);
  e.abi_major = ENCORE_ABI_MAJOR;
  e.abi_minor = p.abiMinor;
  e.id = p.id;
  e.name = p.name;
  e.version = p.version;
  e.description = p.description;
  e.init = p.init;
  e.shutdown = p.shutdown;
  e.enabled_setting = p.enabledSetting;
  e.jobs = p.jobs.items;
  e.job_count = p.jobs.count;
  e.importers = p.importers.items;
  e.importer_count = p.importers.count;
  e.sinks = p.sinks.items;
  e.sink_count = p.sinks.count;
  return e;
}

}  // namespace encore
