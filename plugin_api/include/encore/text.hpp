// encore/text.hpp -- text helpers every plugin needs: strict UTF-8 checking, cutting a
// string without splitting a character, percent-encoding for URLs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace encore {
namespace detail {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

/// Loads eight bytes for the word-at-a-time scans below (little-endian machines only).
inline uint64_t load8(const char *p) noexcept {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

inline unsigned lowestByte(uint64_t flags) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<unsigned>(__builtin_ctzll(flags)) / 8;
#else
  unsigned n = 0;
  while ((flags & 0x80) == 0) {
    flags >>= 8;
    ++n;
  }
  return n;
#endif
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr bool kWordScan = true;
#else
constexpr bool kWordScan = false;
#endif

/// The length of the well-formed UTF-8 sequence starting at `p` (Unicode's table 3-7:
/// no overlong form, no surrogate, nothing past U+10FFFF), or 0 when there is none.
inline size_t utf8SequenceLength(const unsigned char *p, const unsigned char *end) noexcept {
  const unsigned c = p[0];
  const size_t left = static_cast<size_t>(end - p);
  auto tail = [&](size_t i) { return (p[i] & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;  // a continuation byte, or the lead of an overlong pair
  if (c < 0xE0) return left >= 2 && tail(1) ? 2 : 0;
  if (c < 0xF0) {
    if (left < 3) return 0;
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;  // E0 80..9F: overlong
    const unsigned hi = c == 0xED ? 0x9F : 0xBF;  // ED A0..BF: surrogates
    return p[1] >= lo && p[1] <= hi && tail(2) ? 3 : 0;
  }
  if (c < 0xF5) {
    if (left < 4) return 0;
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80;  // F0 80..8F: overlong
    const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;  // F4 90..: past U+10FFFF
    return p[1] >= lo && p[1] <= hi && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}

}  // namespace detail

/// Well-formed UTF-8: what a strict JSON parser, and the host, accept.
inline bool validUtf8(std::string_view text) noexcept {
  const char *p = text.data();
  const char *const end = p + text.size();
  while (p < end) {
    if constexpr (detail::kWordScan) {
      while (end - p >= 8 && (detail::load8(p) & detail::kHighBits) == 0) p += 8;
    }
    if (p == end) break;
    if (static_cast<unsigned char>(*p) < 0x80) {
      ++p;
      continue;
    }
    const size_t n = detail::utf8SequenceLength(reinterpret_cast<const unsigned char *>(p),
                                                reinterpret_cast<const unsigned char *>(end));
    if (n == 0) return false;
    p += n;
  }
  return true;
}

/// `text` cut to at most `maxBytes` bytes without splitting a UTF-8 sequence.
inline std::string_view truncateUtf8(std::string_view text, size_t maxBytes) noexcept {
  if (text.size() <= maxBytes) return text;
  size_t cut = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

/// Appends code point `cp` (at most U+10FFFF) in UTF-8. A surrogate (U+D800..U+DFFF) is
/// written in its three-byte form, which is not valid UTF-8: validUtf8 and the JSON writer
/// refuse it, as they should a lone surrogate read from a \u escape.
inline void appendUtf8(std::string &out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - _ . ~),
/// byte by byte: a query value or a path segment, UTF-8 as it is.
inline std::string urlEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace encore
