// encore/json_writer.hpp -- JSON written straight out as text. A page of an import holds
// tens of thousands of records; building a tree of each and dumping it costs more than
// the host's work storing them. Strings are escaped and checked for UTF-8 in one pass:
// text that is not valid UTF-8 throws encore::InvalidText (see JsonWriter::Mark to take
// back what a refused record had written).
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "encore/status.hpp"
#include "encore/text.hpp"

namespace encore {
namespace detail {

/// Bit 7 set in each byte of `word` that is a quote, a backslash or below 0x20. A borrow
/// can flag a byte after a true one, never before: on a little-endian load the lowest set
/// bit marks the first such byte exactly.
inline uint64_t jsonStopBytes(uint64_t word) noexcept {
  auto zeroBytes = [](uint64_t v) { return (v - kOnes) & ~v & kHighBits; };
  const uint64_t below20 = (word - kOnes * 0x20) & ~word & kHighBits;
  return zeroBytes(word ^ (kOnes * '"')) | zeroBytes(word ^ (kOnes * '\\')) | below20;
}

}  // namespace detail

/// The first byte in [p, end) that a JSON string cannot hold as it is (a quote, a
/// backslash, a control character) or, with StopAtNonAscii, a byte of 0x80 and above, which
/// starts a UTF-8 sequence to check; `end` when there is none. Strings are scanned eight
/// bytes at a time: a page of records, or an export file read, is mostly strings.
template <bool StopAtNonAscii>
inline const char *jsonPlainRunEnd(const char *p, const char *end) noexcept {
  if constexpr (detail::kWordScan) {
    while (end - p >= 8) {
      const uint64_t word = detail::load8(p);
      uint64_t stops = detail::jsonStopBytes(word);
      if constexpr (StopAtNonAscii) stops |= word & detail::kHighBits;
      if (stops != 0) return p + detail::lowestByte(stops);
      p += 8;
    }
  }
  while (p < end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20 || (StopAtNonAscii && c >= 0x80)) break;
    ++p;
  }
  return p;
}

/// Appends `text` as a JSON string literal, quotes included. Throws InvalidText (having
/// appended part of it) when `text` is not valid UTF-8.
inline void appendJsonString(std::string &out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  const char *p = text.data();
  const char *const end = p + text.size();
  while (p < end) {
    const char *run = p;
    p = jsonPlainRunEnd<true>(p, end);
    out.append(run, static_cast<size_t>(p - run));
    if (p == end) break;
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const size_t n = detail::utf8SequenceLength(reinterpret_cast<const unsigned char *>(p),
                                                  reinterpret_cast<const unsigned char *>(end));
      if (n == 0) throw InvalidText();
      out.append(p, n);
      p += n;
      continue;
    }
    out.push_back('\\');
    switch (c) {
      case '"':
      case '\\':
        out.push_back(static_cast<char>(c));
        break;
      case '\n':
        out.push_back('n');
        break;
      case '\r':
        out.push_back('r');
        break;
      case '\t':
        out.push_back('t');
        break;
      case '\b':
        out.push_back('b');
        break;
      case '\f':
        out.push_back('f');
        break;
      default:
        out.append("u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    ++p;
  }
  out.push_back('"');
}

/// Writes JSON into a string the caller owns, commas included:
///
///   JsonWriter w(text);
///   w.beginObject();
///   w.field("name", name);        // "name":"..."
///   w.key("images");
///   w.beginArray(); ... w.endArray();
///   w.endObject();
///
/// The writer trusts its caller to balance begin/end and to give each object member a
/// key; it checks the text of every key and string.
class JsonWriter {
 public:
  explicit JsonWriter(std::string &out) noexcept : out_(&out) {}

  std::string &text() noexcept { return *out_; }

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }

  /// An object member's name; its value comes next.
  void key(std::string_view name) {
    separate();
    appendJsonString(*out_, name);
    out_->push_back(':');
    comma_ = false;
  }

  void string(std::string_view value) {
    separate();
    appendJsonString(*out_, value);
    comma_ = true;
  }
  void number(int64_t value) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out_->append(digits, static_cast<size_t>(end - digits));
    comma_ = true;
  }
  void boolean(bool value) { literal(value ? "true" : "false"); }
  void null() { literal("null"); }
  /// A value that is already JSON text (a document from elsewhere), written as it is.
  void raw(std::string_view json) { literal(json); }

  /// Members: field("name", "x"), field("count", 3), field("public", true).
  void field(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  void field(std::string_view name, const char *value) { field(name, std::string_view(value)); }
  void field(std::string_view name, const std::string &value) {
    field(name, std::string_view(value));
  }
  template <typename Int, typename std::enable_if_t<
                              std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
  void field(std::string_view name, Int value) {
    key(name);
    number(static_cast<int64_t>(value));
  }
  template <typename Bool, typename std::enable_if_t<std::is_same_v<Bool, bool>, int> = 0>
  void field(std::string_view name, Bool value) {
    key(name);
    boolean(value);
  }

  /// Where the writer stands; rollback() takes back everything written since.
  struct Mark {
    size_t size;
    bool comma;
    int depth;
  };
  Mark mark() const noexcept { return {out_->size(), comma_, depth_}; }
  void rollback(const Mark &mark) {
    out_->resize(mark.size);
    comma_ = mark.comma;
    depth_ = mark.depth;
  }
  /// Containers opened and not closed yet.
  int depth() const noexcept { return depth_; }

  /// For a writer that takes over text already holding an open container ("[" or
  /// "[{...}"): whether the next value needs a comma first.
  void resume(bool afterValue, int depth) noexcept {
    comma_ = afterValue;
    depth_ = depth;
  }

 private:
  void separate() {
    if (comma_) out_->push_back(',');
  }
  void open(char bracket) {
    separate();
    out_->push_back(bracket);
    comma_ = false;
    ++depth_;
  }
  void close(char bracket) {
    out_->push_back(bracket);
    comma_ = true;
    --depth_;
  }
  void literal(std::string_view text) {
    separate();
    out_->append(text.data(), text.size());
    comma_ = true;
  }

  std::string *out_;
  bool comma_ = false;
  int depth_ = 0;
};

}  // namespace encore
