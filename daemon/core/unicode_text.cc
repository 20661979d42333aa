#include "daemon/core/unicode_text.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <climits>
#include <memory>
#include <vector>

namespace encore::text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

bool isAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

/// The first code point of a non-empty piece of valid UTF-8.
UChar32 firstCodePoint(std::string_view s) {
  UChar32 c = 0;
  int32_t i = 0;
  U8_NEXT(reinterpret_cast<const uint8_t *>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c;
}

/// Byte offsets of the grapheme cluster boundaries of valid UTF-8 `s`: 0, ..., s.size().
std::vector<size_t> clusterBoundaries(std::string_view s) {
  std::vector<size_t> out{0};
  if (s.empty()) return out;
  if (isAscii(s)) {
    // Every ASCII character is a cluster of its own, except CR LF.
    for (size_t i = 1; i <= s.size(); ++i) {
      if (i < s.size() && s[i - 1] == '\r' && s[i] == '\n') continue;
      out.push_back(i);
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, decltype(&utext_close)> text(
      utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status), utext_close);
  std::unique_ptr<UBreakIterator, decltype(&ubrk_close)> breaks(
      ubrk_open(UBRK_CHARACTER, "", nullptr, 0, &status), ubrk_close);
  if (U_SUCCESS(status)) ubrk_setUText(breaks.get(), text.get(), &status);
  if (U_SUCCESS(status)) {
    // Over UTF-8 text, the iterator's positions are byte offsets.
    for (int32_t at = ubrk_next(breaks.get()); at != UBRK_DONE; at = ubrk_next(breaks.get())) {
      out.push_back(static_cast<size_t>(at));
    }
    if (out.back() == s.size()) return out;
  }
  // ICU's data could not be loaded: code points are the next best thing.
  out.assign(1, 0);
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t *>(s.data()), i, static_cast<int32_t>(s.size()), c);
    out.push_back(static_cast<size_t>(i));
  }
  return out;
}

size_t clusterColumns(std::string_view cluster) {
  const UChar32 c = firstCodePoint(cluster);
  const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (width == U_EA_WIDE || width == U_EA_FULLWIDTH) return 2;
  if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
  if (cluster.find("\xEF\xB8\x8F") != std::string_view::npos) return 2;  // VS16: as emoji
  return 1;
}

/// Spaces, punctuation, controls and format characters (ZWJ, BOM): what an initial skips.
bool isFiller(UChar32 c) {
  return u_isUWhiteSpace(c) || u_ispunct(c) || u_iscntrl(c) || u_charType(c) == U_FORMAT_CHAR;
}

}  // namespace

std::string validUtf8(std::string_view utf8) {
  if (isAscii(utf8)) return std::string(utf8);
  // Names are far below 2 GiB; anything beyond is left out rather than misread.
  const auto length = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  const auto *bytes = reinterpret_cast<const uint8_t *>(utf8.data());
  std::string out;
  out.reserve(utf8.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out += kReplacement;
    } else {
      out.append(utf8.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

std::string initial(std::string_view utf8) {
  const std::string text = validUtf8(utf8);
  const auto bounds = clusterBoundaries(text);
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    std::string_view cluster(text.data() + bounds[i], bounds[i + 1] - bounds[i]);
    if (!isFiller(firstCodePoint(cluster))) return std::string(cluster);
  }
  return bounds.size() > 1 ? text.substr(0, bounds[1]) : std::string();
}

size_t columns(std::string_view utf8) {
  const std::string text = validUtf8(utf8);
  const auto bounds = clusterBoundaries(text);
  size_t total = 0;
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    total += clusterColumns(std::string_view(text.data() + bounds[i], bounds[i + 1] - bounds[i]));
  }
  return total;
}

std::string clipColumns(std::string_view utf8, size_t maxColumns) {
  std::string text = validUtf8(utf8);
  if (columns(text) <= maxColumns) return text;
  if (maxColumns == 0) return {};
  const auto bounds = clusterBoundaries(text);
  size_t used = 0, end = 0;
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    const size_t w =
        clusterColumns(std::string_view(text.data() + bounds[i], bounds[i + 1] - bounds[i]));
    if (used + w > maxColumns - 1) break;  // one column for the ellipsis
    used += w;
    end = bounds[i + 1];
  }
  text.resize(end);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text + std::string(kEllipsis);
}

std::string clipBytes(std::string_view utf8, size_t maxBytes) {
  std::string text = validUtf8(utf8);
  if (text.size() <= maxBytes) return text;
  const auto bounds = clusterBoundaries(text);
  size_t end = 0;
  for (size_t b : bounds) {
    if (b > maxBytes) break;
    end = b;
  }
  text.resize(end);
  return text;
}

}  // namespace encore::text
