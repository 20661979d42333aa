#include "import_loop.h"

#include <string>

#include "encore/records.hpp"

namespace spotify_export {
namespace {

// A page is one transaction on the host, and every commit writes each index page the
// page's plays touched (a history touches every part of plays by track) and waits for the
// disk: the larger the page, the fewer of both. The host takes up to 50,000 records and
// 16 MiB per document; a page of 50,000 plays is about 10 MB and a few hundred ms of work,
// short enough for the daemon's other writers. Progress is saved with every page, and at
// least every kProgressEntries entries when most entries are skipped.
constexpr size_t kPagePlays = 50'000;
constexpr size_t kPageBytes = 15u << 20;
constexpr int64_t kProgressEntries = 100'000;

EntryRules rulesFor(const encore::Host &host) {
  EntryRules rules;
  rules.minMsPlayed = host.intSetting("min_play_seconds", 30) * 1000;
  rules.latest = host.nowMs() / 1000 + 86400;
  return rules;
}

}  // namespace

void importFile(const encore::Host &host, encore_run *run, EntryReader reader) {
  const std::string name = host.importFileName(run);
  const EntryRules rules = rulesFor(host);
  const int64_t resumeFrom = host.importResumeFrom(run);
  // A failed read throws the host's code out of next(): the host knows why (cancelled, a
  // damaged zip).
  JsonArrayStream stream(
      [&](char *buffer, size_t capacity) { return host.importRead(run, buffer, capacity); });
  encore::RecordsWriter page;
  JsonObject entry;
  int64_t processed = 0;
  int64_t submittedAt = resumeFrom;
  auto submit = [&] {
    try {
      host.submit(run, page.finish());
    } catch (const encore::Error &e) {
      throw encore::Error(e.code(), name + ": " + e.what());
    }
    page.clear();
    submittedAt = processed;
    host.importProgress(run, processed, -1);
  };
  try {
    while (stream.next(entry)) {
      ++processed;
      if (processed <= resumeFrom) continue;  // stored before a restart
      EntryResult result = reader(entry, rules);
      if (!result.play) {
        host.importSkip(run, result.skipReason.c_str());
      } else if (!page.tryPlay(*result.play)) {
        host.importSkip(run, "text is not valid UTF-8");
      }
      if (page.records() >= kPagePlays || page.bytes() >= kPageBytes ||
          processed - submittedAt >= kProgressEntries) {
        submit();
      }
    }
  } catch (const JsonStreamError &e) {
    throw encore::Error(ENCORE_E_FAILED, name + ": not a readable export file: " + e.what());
  }
  submit();
}

}  // namespace spotify_export
