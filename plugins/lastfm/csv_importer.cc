#include "csv_importer.h"

#include <cstring>
#include <vector>

#include "csv_reader.h"
#include "encore/import.hpp"
#include "encore/time.hpp"

namespace lastfm {
namespace {

constexpr const char *kHeader = "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid";
constexpr size_t kMaxName = 2048;  // the host's longest name
constexpr int64_t kEarliest = 946684800;

std::vector<std::string> firstRow(const std::string &head) {
  std::string line = head.substr(0, head.find('\n'));
  size_t consumed = 0;
  CsvReader reader([&](char *buf, size_t cap) {
    size_t n = std::min(cap, line.size() - consumed);
    std::memcpy(buf, line.data() + consumed, n);
    consumed += n;
    return n;
  });
  std::vector<std::string> fields;
  try {
    reader.next(fields);
  } catch (const CsvError &) {
    fields.clear();
  }
  return fields;
}

bool endsWithCsv(const std::string &name) {
  return name.size() > 4 && (name.compare(name.size() - 4, 4, ".csv") == 0 ||
                             name.compare(name.size() - 4, 4, ".CSV") == 0);
}

struct Row {
  std::optional<int64_t> uts;
  std::string artist, album, track;
  std::string skip;
};

Row readRow(const std::vector<std::string> &f, bool headered) {
  Row r;
  if (headered) {
    if (f.size() != 8) return {std::nullopt, {}, {}, {}, "malformed row"};
    char *end = nullptr;
    long long uts = std::strtoll(f[0].c_str(), &end, 10);
    if (f[0].empty() || *end != '\0') {
      r.uts = parseLastfmDate(f[1]);
    } else {
      r.uts = uts;
    }
    r.artist = f[2];
    r.album = f[4];
    r.track = f[6];
  } else {
    if (f.size() != 4) return {std::nullopt, {}, {}, {}, "malformed row"};
    r.artist = f[0];
    r.album = f[1];
    r.track = f[2];
    r.uts = parseLastfmDate(f[3]);
  }
  if (!r.uts) {
    r.skip = "unreadable date";
  } else if (r.artist.empty() || r.track.empty()) {
    r.skip = "no track name or artist";
  } else {
    // UTF-8 is checked as the play is written.
    for (const std::string *name : {&r.artist, &r.track, &r.album}) {
      if (name->size() > kMaxName) {
        r.skip = "name over 2048 bytes";
      } else if (name->find('\0') != std::string::npos) {
        r.skip = "malformed row";
      }
      if (!r.skip.empty()) break;
    }
  }
  return r;
}

}  // namespace

std::optional<int64_t> parseLastfmDate(const std::string &text) {
  static const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int day = 0, year = 0, hour = 0, minute = 0;
  char month[4] = {};
  int used = 0;
  std::string t = text;
  if (auto comma = t.find(','); comma != std::string::npos) t.erase(comma, 1);
  if (std::sscanf(t.c_str(), "%2d %3s %4d %2d:%2d%n", &day, month, &year, &hour, &minute, &used) !=
          5 ||
      static_cast<size_t>(used) != t.size()) {
    return std::nullopt;
  }
  for (unsigned m = 0; m < 12; ++m) {
    if (std::strcmp(month, kMonths[m]) != 0) continue;
    if (day < 1 || static_cast<unsigned>(day) > encore::daysInMonth(year, m + 1) || hour > 23 ||
        minute > 59 || year < 1970) {
      return std::nullopt;
    }
    const auto date = encore::daysFromCivil(year, m + 1, static_cast<unsigned>(day));
    return std::chrono::duration_cast<std::chrono::seconds>(date).count() + hour * 3600 +
           minute * 60;
  }
  return std::nullopt;
}

int32_t probeScrobbleCsv(const std::string &fileName, const std::string &head) {
  if (head.rfind(kHeader, 0) == 0) return 95;
  auto fields = firstRow(head);
  if (fields.size() == 4 && parseLastfmDate(fields[3])) return endsWithCsv(fileName) ? 85 : 70;
  if (fields.size() == 8 && parseLastfmDate(fields[1])) return endsWithCsv(fileName) ? 80 : 65;
  return 0;
}

void runScrobbleCsv(const encore::Host &host, encore_run *run) {
  const int64_t latest = host.nowMs() / 1000 + 86400;
  encore::ImportPages pages(host, run);  // pages as large as the host takes
  // A failed read throws the host's code out of next(): the host knows why.
  CsvReader reader(
      [&](char *buffer, size_t capacity) { return host.importRead(run, buffer, capacity); });
  std::vector<std::string> fields;
  bool first = true, headered = false;
  try {
    while (reader.next(fields)) {
      if (first) {
        first = false;
        std::string line;
        for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + fields[i];
        headered = line == kHeader;
        if (headered) continue;  // the header is not an entry
        headered = fields.size() == 8;
      }
      if (!pages.nextEntry()) continue;  // stored before a restart
      Row row = readRow(fields, headered);
      if (row.skip.empty() && (*row.uts < kEarliest)) row.skip = "date before 2000";
      if (row.skip.empty() && *row.uts > latest) row.skip = "date in the future";
      if (!row.skip.empty()) {
        pages.skip(row.skip);
        continue;
      }
      encore::Play play;
      play.startedAt = *row.uts;
      play.source = "lastfm-csv";
      play.track = row.track;
      play.artist = row.artist;
      play.album = row.album;
      pages.play(play);
    }
  } catch (const CsvError &e) {
    throw encore::Error(ENCORE_E_FAILED,
                        pages.fileName() + ": not a readable scrobble CSV: " + e.what());
  }
  pages.finish();
}

}  // namespace lastfm
