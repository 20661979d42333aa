#include "import_loop.h"

#include <string>

#include "encore/import.hpp"

namespace spotify_export {
namespace {

EntryRules rulesFor(const encore::Host &host) {
  EntryRules rules;
  rules.minMsPlayed = host.intSetting("min_play_seconds", 30) * 1000;
  rules.latest = host.nowMs() / 1000 + 86400;
  return rules;
}

}  // namespace

void importFile(const encore::Host &host, encore_run *run, EntryReader reader) {
  const EntryRules rules = rulesFor(host);
  // Pages of 50,000 plays (about 10 MB, a few hundred ms of work on the host): the larger
  // the page, the fewer commits and index pages written, and the daemon's other writers
  // still get their turn between two.
  encore::ImportPages pages(host, run);
  // A failed read throws the host's code out of next(): the host knows why (cancelled, a
  // damaged zip).
  JsonArrayStream stream(
      [&](char *buffer, size_t capacity) { return host.importRead(run, buffer, capacity); });
  JsonObject entry;
  try {
    while (stream.next(entry)) {
      if (!pages.nextEntry()) continue;  // stored before a restart
      EntryResult result = reader(entry, rules);
      if (result.play) {
        pages.play(*result.play);
      } else {
        pages.skip(result.skipReason);
      }
    }
  } catch (const JsonStreamError &e) {
    throw encore::Error(ENCORE_E_FAILED,
                        pages.fileName() + ": not a readable export file: " + e.what());
  }
  pages.finish();
}

}  // namespace spotify_export
