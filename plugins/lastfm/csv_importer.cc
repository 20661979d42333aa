#include "csv_importer.h"

#include <cstring>
#include <vector>

#include "csv_reader.h"
#include "play_page_text.h"

namespace lastfm {
namespace {

constexpr const char *kHeader = "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid";
// A page is one transaction on the host, and every commit waits for the disk: pages as
// large as the host takes (50,000 records, 16 MiB), as the Spotify export importer sends.
// Progress is saved with every page, and at least every kProgressEntries entries when
// most entries are skipped.
constexpr size_t kPagePlays = 50'000;
constexpr size_t kPageBytes = 15u << 20;
constexpr int64_t kProgressEntries = 100'000;
constexpr size_t kMaxName = 2048;  // the host's longest name
constexpr int64_t kEarliest = 946684800;

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + static_cast<int64_t>(yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

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
    for (const std::string *name : {&r.artist, &r.track, &r.album}) {
      if (!validUtf8(*name)) {
        r.skip = "text is not valid UTF-8";
      } else if (name->size() > kMaxName) {
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
    if (day < 1 || day > 31 || hour > 23 || minute > 59 || year < 1970) return std::nullopt;
    return daysFromCivil(year, m + 1, static_cast<unsigned>(day)) * 86400 + hour * 3600 +
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

int32_t runScrobbleCsv(const HostApi &host, encore_run *run) {
  const encore_import_v1 *import = host.import();
  const std::string name = import->file_name(run);
  const int64_t resumeFrom = import->resume_from(run);
  const int64_t latest = host.nowMs() / 1000 + 86400;
  int32_t readStatus = ENCORE_OK;
  CsvReader reader([&](char *buffer, size_t capacity) -> size_t {
    size_t got = 0;
    readStatus = import->read(run, reinterpret_cast<uint8_t *>(buffer), capacity, &got);
    return readStatus == ENCORE_OK ? got : 0;
  });
  std::vector<std::string> fields;
  PlayPageText page("lastfm-csv");
  int64_t processed = 0, submittedAt = resumeFrom;
  bool first = true, headered = false;
  auto submit = [&]() -> int32_t {
    std::string error;
    int32_t rc = host.submit(run, page.finish(), &error);
    if (rc != ENCORE_OK) {
      host.setError(run, name + ": the host refused a page: " + error);
      return rc;
    }
    page.clear();
    submittedAt = processed;
    import->progress(run, processed, -1);
    return ENCORE_OK;
  };
  try {
    while (reader.next(fields)) {
      if (readStatus != ENCORE_OK) break;
      if (first) {
        first = false;
        std::string line;
        for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + fields[i];
        headered = line == kHeader;
        if (headered) continue;  // the header is not an entry
        headered = fields.size() == 8;
      }
      if (++processed <= resumeFrom) continue;  // stored before a restart
      Row row = readRow(fields, headered);
      if (row.skip.empty() && (*row.uts < kEarliest)) row.skip = "date before 2000";
      if (row.skip.empty() && *row.uts > latest) row.skip = "date in the future";
      if (row.skip.empty()) {
        page.add(*row.uts, row.artist, row.track, row.album);
      } else {
        import->skip(run, row.skip.c_str());
      }
      if (page.plays() >= kPagePlays || page.bytes() >= kPageBytes ||
          processed - submittedAt >= kProgressEntries) {
        if (int32_t rc = submit(); rc != ENCORE_OK) return rc;
      }
    }
  } catch (const CsvError &e) {
    if (readStatus != ENCORE_OK) return readStatus;
    host.setError(run, name + ": not a readable scrobble CSV: " + e.what());
    return ENCORE_E_FAILED;
  }
  if (readStatus != ENCORE_OK) return readStatus;
  return submit();
}

}  // namespace lastfm
