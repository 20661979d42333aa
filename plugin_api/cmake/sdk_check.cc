// Compiled as C++17 with -pedantic -Werror: the SDK must build for plugin authors on
// C++17. Every header, and a use of every template, so that nothing newer hides in one.
#include "encore/decl.hpp"
#include "encore/guard.hpp"
#include "encore/host.hpp"
#include "encore/import.hpp"
#include "encore/json_writer.hpp"
#include "encore/plugin.hpp"
#include "encore/plugin_api.h"
#include "encore/records.hpp"
#include "encore/status.hpp"
#include "encore/text.hpp"
#include "encore/time.hpp"

namespace {

int32_t runNothing(void *, encore_run *) noexcept {
  return ENCORE_OK;
}

constexpr encore_setting_decl kSettings[] = {
    encore::boolSetting({"enabled", "Enabled", "On or off.", true, nullptr}),
    encore::intSetting({"every", "Every", "Minutes.", 5, 1, 60, nullptr}),
    encore::secretSetting({"key", "Key", "A key.", nullptr, 64, "ENCORE_CHECK_KEY"}),
};
constexpr auto kSettingList = encore::declList(kSettings);

encore::JobDecl plainJob() {
  encore::JobDecl j;
  j.id = "plain";
  j.run = runNothing;
  return j;
}
encore::GradualJobDecl gradualJob() {
  encore::GradualJobDecl j;
  j.id = "gradual";
  j.itemType = "artist";
  j.run = runNothing;
  return j;
}
const encore_job_decl kJobs[] = {encore::job(plainJob()), encore::gradualJob(gradualJob())};
const auto kJobList = encore::declList(kJobs);

}  // namespace

int encoreSdkCheckCxx17(const encore_host *raw, encore_run *run);
int encoreSdkCheckCxx17(const encore_host *raw, encore_run *run) {
  encore::PluginDecl p;
  p.id = "check";
  p.jobs = kJobList;
  const encore_plugin_entry_t entry = encore::pluginEntry(p);
  const encore::Host host(raw);
  int32_t code = encore::guardRun(host, run, [&] {
    host.declareSettings(kSettingList);
    encore::RecordsWriter doc;
    doc.record("artist", [](encore::JsonWriter &w) { w.field("name", "x"); });
    doc.play({1700000000, 0, "check", "t", "a", "", "", -1});
    doc.checkpoint("k", std::nullopt);
    doc.itemDone("i");
    host.submit(run, doc.finish());
  });
  code += encore::guardRun(host, run, [] { return ENCORE_E_FAILED; });
  code += encore::guardInit(raw, [] {});
  code += encore::guardValue(0, [] { return 1; });
  const auto when = encore::parseIso8601("1969-12-31T23:59:59Z");
  const std::string text =
      encore::formatIso8601(when ? when->sinceEpoch : std::chrono::milliseconds(0));
  return code + static_cast<int>(entry.job_count) + static_cast<int>(text.size()) +
         static_cast<int>(encore::urlEncode("a b").size()) +
         (encore::validUtf8("\xC3\xA9") ? 1 : 0);
}
