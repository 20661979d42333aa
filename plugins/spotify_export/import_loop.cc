#include "import_loop.h"

#include <string>

#include "play_page.h"

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
  int64_t submittedAt = resumeFrom;
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
    submittedAt = processed;
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
      if (page.plays() >= kPagePlays || page.bytes() >= kPageBytes ||
          processed - submittedAt >= kProgressEntries) {
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
