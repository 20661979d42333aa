#include "daemon/core/time_zone.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "daemon/core/time_format.h"

namespace encore {
namespace {

std::mutex gMutex;
std::map<std::string, std::shared_ptr<const TimeZone>> gCache;
std::string gZoneDir = "/usr/share/zoneinfo";

bool validZoneName(const std::string &name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' ||
      name.find("..") != std::string::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '/' || c == '_' || c == '-' || c == '+';
  });
}

uint32_t be32(const unsigned char *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

int64_t be64(const unsigned char *p) {
  return static_cast<int64_t>((uint64_t(be32(p)) << 32) | be32(p + 4));
}

struct Counts {
  uint32_t isut, isstd, leap, time, type, chars;
};

bool readCounts(const std::string &data, size_t at, Counts &c) {
  if (data.size() < at + 44 || data.compare(at, 4, "TZif") != 0) return false;
  const auto *p = reinterpret_cast<const unsigned char *>(data.data() + at + 20);
  c = {be32(p), be32(p + 4), be32(p + 8), be32(p + 12), be32(p + 16), be32(p + 20)};
  return c.type > 0 && c.type < 256 && c.time < 100000 && c.chars < 10000 && c.leap < 10000;
}

size_t blockSize(const Counts &c, int timeSize) {
  return c.time * static_cast<size_t>(timeSize) + c.time + c.type * 6 + c.chars +
         c.leap * static_cast<size_t>(timeSize + 4) + c.isstd + c.isut;
}

// Parses "[+|-]hh[:mm[:ss]]".
bool parseClock(const std::string &s, size_t &pos, int32_t &seconds) {
  int sign = 1;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) sign = s[pos++] == '-' ? -1 : 1;
  int parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) {
      if (pos >= s.size() || s[pos] != ':') break;
      ++pos;
    }
    size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      parts[i] = parts[i] * 10 + (s[pos++] - '0');
      if (parts[i] > 167) return false;
    }
    if (pos == start) return false;
  }
  seconds = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}

bool parseAbbreviation(const std::string &s, size_t &pos) {
  size_t start = pos;
  if (pos < s.size() && s[pos] == '<') {
    pos = s.find('>', pos);
    if (pos == std::string::npos) return false;
    ++pos;
    return true;
  }
  while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
  return pos - start >= 3;
}

bool parseNumber(const std::string &s, size_t &pos, int &out) {
  size_t start = pos;
  out = 0;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    out = out * 10 + (s[pos++] - '0');
    if (out > 1000) return false;
  }
  return pos > start;
}

bool parseDate(const std::string &s, size_t &pos, TimeZone::Rule::Date &date) {
  if (pos < s.size() && s[pos] == 'M') {
    ++pos;
    date.kind = 'M';
    if (!parseNumber(s, pos, date.month) || pos >= s.size() || s[pos++] != '.' ||
        !parseNumber(s, pos, date.week) || pos >= s.size() || s[pos++] != '.' ||
        !parseNumber(s, pos, date.day)) {
      return false;
    }
    if (date.month < 1 || date.month > 12 || date.week < 1 || date.week > 5 || date.day > 6) {
      return false;
    }
  } else if (pos < s.size() && s[pos] == 'J') {
    ++pos;
    date.kind = 'J';
    if (!parseNumber(s, pos, date.day) || date.day < 1 || date.day > 365) return false;
  } else {
    date.kind = 'D';
    if (!parseNumber(s, pos, date.day) || date.day > 365) return false;
  }
  date.time = 7200;
  if (pos < s.size() && s[pos] == '/') {
    ++pos;
    if (!parseClock(s, pos, date.time)) return false;
  }
  return true;
}

bool isLeap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Local seconds since the epoch at which `date` falls in `year` (before adding its time).
int64_t dateStart(const TimeZone::Rule::Date &date, int64_t year) {
  int64_t jan1 = daysFromCivil(year, 1, 1);
  int64_t day;
  if (date.kind == 'J') {
    day = jan1 + date.day - 1 + (isLeap(year) && date.day >= 60 ? 1 : 0);
  } else if (date.kind == 'D') {
    day = jan1 + date.day;
  } else {
    int64_t first = daysFromCivil(year, static_cast<unsigned>(date.month), 1);
    int64_t weekday = ((first % 7) + 11) % 7;  // 1970-01-01 was a Thursday (4)
    day = first + (date.day - weekday + 7) % 7 + 7 * (date.week - 1);
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int monthDays = kDays[date.month - 1] + (date.month == 2 && isLeap(year) ? 1 : 0);
    while (day >= first + monthDays) day -= 7;  // week 5 means "the last"
  }
  return day * 86400 + date.time;
}

}  // namespace

bool TimeZone::parseRule(const std::string &s, Rule &rule) {
  size_t pos = 0;
  rule = Rule{};
  int32_t westOffset = 0;
  if (!parseAbbreviation(s, pos) || !parseClock(s, pos, westOffset)) return false;
  rule.stdOffset = -westOffset;
  if (pos == s.size()) return true;
  if (!parseAbbreviation(s, pos)) return false;
  rule.hasDst = true;
  rule.dstOffset = rule.stdOffset + 3600;
  if (pos < s.size() && s[pos] != ',') {
    if (!parseClock(s, pos, westOffset)) return false;
    rule.dstOffset = -westOffset;
  }
  if (pos >= s.size() || s[pos++] != ',' || !parseDate(s, pos, rule.start) || pos >= s.size() ||
      s[pos++] != ',' || !parseDate(s, pos, rule.end)) {
    return false;
  }
  return pos == s.size();
}

int32_t TimeZone::ruleOffsetAt(const Rule &rule, int64_t utc) {
  if (!rule.hasDst) return rule.stdOffset;
  int64_t days = utc / 86400 - (utc % 86400 < 0 ? 1 : 0);
  int64_t year = 1970 + days / 365;  // refined below
  while (daysFromCivil(year, 1, 1) > days) --year;
  while (daysFromCivil(year + 1, 1, 1) <= days) ++year;
  // Transition instants in UTC: the start is given in standard time, the end in DST.
  int64_t start = dateStart(rule.start, year) - rule.stdOffset;
  int64_t end = dateStart(rule.end, year) - rule.dstOffset;
  bool inDst = start < end ? (utc >= start && utc < end) : (utc >= start || utc < end);
  return inDst ? rule.dstOffset : rule.stdOffset;
}

TimeZone::TimeZone(std::string name, std::vector<int64_t> transitions, std::vector<int32_t> offsets,
                   int32_t initialOffset, bool hasRule, Rule rule)
    : name_(std::move(name)),
      transitions_(std::move(transitions)),
      offsets_(std::move(offsets)),
      initialOffset_(initialOffset),
      hasRule_(hasRule),
      rule_(rule) {}

int32_t TimeZone::offsetAt(int64_t utc) const {
  if (transitions_.empty() || utc < transitions_.front()) {
    return transitions_.empty() && hasRule_ ? ruleOffsetAt(rule_, utc) : initialOffset_;
  }
  if (utc >= transitions_.back() && hasRule_) return ruleOffsetAt(rule_, utc);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc);
  return offsets_[static_cast<size_t>(it - transitions_.begin()) - 1];
}

int64_t TimeZone::fromLocal(int64_t local) const {
  // Try the offsets in force around the wall time; keep the earliest instant that maps
  // back to it, else (a gap) the instant right after the jump.
  int64_t best = INT64_MAX;
  for (int64_t probe : {local - 86400, local, local + 86400}) {
    int64_t candidate = local - offsetAt(probe);
    if (toLocal(candidate) == local) best = std::min(best, candidate);
  }
  if (best != INT64_MAX) return best;
  int64_t before = local - offsetAt(local - 86400);
  return before;
}

void TimeZone::setZoneDirectory(const std::string &dir) {
  std::lock_guard<std::mutex> lock(gMutex);
  gZoneDir = dir;
  gCache.clear();
}

const std::vector<std::string> &TimeZone::names() {
  static const std::vector<std::string> list = [] {
    std::string dir;
    {
      std::lock_guard<std::mutex> lock(gMutex);
      dir = gZoneDir;
    }
    std::vector<std::string> out = {"UTC"};
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().lexically_relative(dir).string();
      // posix/ and right/ repeat every zone (right/ with leap seconds); posixrules and
      // Factory are not places.
      if (it->is_directory() && (name == "posix" || name == "right")) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file() || name == "posixrules" || name == "Factory" ||
          name == "localtime" || !validZoneName(name)) {
        continue;
      }
      char magic[4] = {};
      std::ifstream(it->path(), std::ios::binary).read(magic, 4);
      if (std::string_view(magic, 4) == "TZif" && name != "UTC") out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return list;
}

std::shared_ptr<const TimeZone> TimeZone::utc() {
  static const auto zone = std::make_shared<const TimeZone>(
      "UTC", std::vector<int64_t>{}, std::vector<int32_t>{}, 0, false, Rule{});
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::load(const std::string &name) {
  if (name == "UTC" || name == "Etc/UTC") return utc();
  if (!validZoneName(name)) return nullptr;
  std::lock_guard<std::mutex> lock(gMutex);
  if (auto it = gCache.find(name); it != gCache.end()) return it->second;

  std::ifstream in(gZoneDir + "/" + name, std::ios::binary);
  if (!in) return nullptr;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() > 1 << 20) return nullptr;

  Counts v1;
  if (!readCounts(data, 0, v1)) return nullptr;
  const bool v2 = data[4] >= '2';
  size_t at = 44;
  Counts c = v1;
  int timeSize = 4;
  if (v2) {
    at = 44 + blockSize(v1, 4);
    if (!readCounts(data, at, c)) return nullptr;
    at += 44;
    timeSize = 8;
  }
  if (data.size() < at + blockSize(c, timeSize)) return nullptr;
  const auto *p = reinterpret_cast<const unsigned char *>(data.data() + at);
  std::vector<int64_t> times(c.time);
  for (uint32_t i = 0; i < c.time; ++i) {
    times[i] = timeSize == 8 ? be64(p + i * 8) : static_cast<int32_t>(be32(p + i * 4));
  }
  const unsigned char *idx = p + c.time * static_cast<size_t>(timeSize);
  const unsigned char *types = idx + c.time;
  std::vector<int32_t> typeOffsets(c.type);
  for (uint32_t i = 0; i < c.type; ++i) {
    typeOffsets[i] = static_cast<int32_t>(be32(types + i * 6));
  }
  std::vector<int32_t> offsets(c.time);
  for (uint32_t i = 0; i < c.time; ++i) {
    if (idx[i] >= c.type) return nullptr;
    offsets[i] = typeOffsets[idx[i]];
  }
  Rule rule;
  bool hasRule = false;
  if (v2) {
    size_t footer = at + blockSize(c, timeSize);
    if (footer < data.size() && data[footer] == '\n') {
      auto endLine = data.find('\n', footer + 1);
      if (endLine != std::string::npos) {
        hasRule = parseRule(data.substr(footer + 1, endLine - footer - 1), rule);
      }
    }
  }
  auto zone = std::make_shared<const TimeZone>(name, std::move(times), std::move(offsets),
                                               typeOffsets[0], hasRule, rule);
  gCache[name] = zone;
  return zone;
}

}  // namespace encore
