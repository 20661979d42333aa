#include "import_loop.h"

#include <string>

#include "play_page.h"

namespace spotify_export {
namespace {

// A page is one transaction on the host: a few thousand plays keep each short (the daemon
// goes on syncing meanwhile) while the per-page cost stays small.
constexpr size_t kPagePlays = 5000;
constexpr size_t kPageBytes = 8u << 20;

void fail(const Services &s, encore_run *run, const std::string &why) {
  if (s.run->struct_size >= offsetof(encore_run_v1, set_error) + sizeof(void *) &&
      s.run->set_error != nullptr) {
    s.run->set_error(run, why.c_str());
  }
  s.log->log(s.host, ENCORE_LOG_WARNING, why.c_str());
}

EntryRules rulesFor(const Services &s) {
  EntryRules rules;
  int64_t seconds = 30;
  if (s.settings->get_int(s.host, "min_play_seconds", &seconds) == ENCORE_OK) {
    rules.minMsPlayed = seconds * 1000;
  }
  rules.latest = s.time->now_ms(s.host) / 1000 + 86400;
  return rules;
}

}  // namespace

int32_t importFile(const Services &s, encore_run *run, EntryReader reader) {
  const std::string name = s.import->file_name(run);
  const EntryRules rules = rulesFor(s);
  const int64_t resumeFrom = s.import->resume_from(run);
  int32_t readStatus = ENCORE_OK;
  JsonArrayStream stream([&](char *buffer, size_t capacity) -> size_t {
    size_t got = 0;
    readStatus = s.import->read(run, reinterpret_cast<uint8_t *>(buffer), capacity, &got);
    return readStatus == ENCORE_OK ? got : 0;
  });
  PlayPage page;
  JsonObject entry;
  int64_t processed = 0;
  auto submit = [&]() -> int32_t {
    const std::string &doc = page.finish();
    char *error = nullptr;
    int32_t rc = s.records->submit(run, doc.data(), doc.size(), &error);
    if (rc != ENCORE_OK) {
      fail(s, run, name + ": the host refused a page: " + (error != nullptr ? error : "error"));
      s.host->free(s.host, error);
      return rc;
    }
    page.clear();
    s.import->progress(run, processed, -1);
    return ENCORE_OK;
  };
  try {
    for (;;) {
      bool more = stream.next(entry);
      if (readStatus != ENCORE_OK) break;
      if (!more) break;
      ++processed;
      if (processed <= resumeFrom) continue;  // stored before a restart
      EntryResult result = reader(entry, rules);
      if (result.play) {
        page.add(*result.play);
      } else {
        s.import->skip(run, result.skipReason.c_str());
      }
      if (page.plays() >= kPagePlays || page.bytes() >= kPageBytes || processed % 20000 == 0) {
        if (int32_t rc = submit(); rc != ENCORE_OK) return rc;
      }
    }
  } catch (const JsonStreamError &e) {
    if (readStatus != ENCORE_OK) return readStatus;
    fail(s, run, name + ": not a readable export file: " + e.what());
    return ENCORE_E_FAILED;
  }
  if (readStatus != ENCORE_OK) return readStatus;  // the host knows why (cancelled, damaged zip)
  return submit();
}

}  // namespace spotify_export
