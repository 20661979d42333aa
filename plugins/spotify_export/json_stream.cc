#include "json_stream.h"

#include <cstring>

#include "encore/json_writer.hpp"
#include "encore/text.hpp"

namespace spotify_export {
namespace {

constexpr size_t kBufferSize = 256 * 1024;
constexpr size_t kMaxString = 64 * 1024;
constexpr int kMaxDepth = 32;

int hexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const JsonValue *JsonObject::find(std::string_view key) const {
  // Called a dozen times per entry of a million: lengths first, bytes only when they match.
  for (size_t i = 0; i < count; ++i) {
    const std::string &k = fields[i].key;
    if (k.size() == key.size() && std::memcmp(k.data(), key.data(), key.size()) == 0) {
      return &fields[i].value;
    }
  }
  return nullptr;
}

JsonArrayStream::JsonArrayStream(ReadFn read) : read_(std::move(read)), buf_(kBufferSize) {}

bool JsonArrayStream::refill() {
  if (eof_) return false;
  consumed_ += end_;
  pos_ = end_ = 0;
  end_ = read_(buf_.data(), buf_.size());
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

int JsonArrayStream::peek() {
  if (pos_ == end_ && !refill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

int JsonArrayStream::get() {
  int c = peek();
  if (c >= 0) ++pos_;
  return c;
}

void JsonArrayStream::fail(const std::string &what) {
  std::string where = " at byte " + std::to_string(offset());
  if (eof_ && pos_ >= end_ && what.find("truncated") == std::string::npos) {
    where += ", where the file ends (truncated?)";
  }
  throw JsonStreamError(what + where);
}

void JsonArrayStream::skipSpace() {
  for (;;) {
    while (pos_ < end_) {
      char c = buf_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
    if (!refill()) return;
  }
}

void JsonArrayStream::expect(char c) {
  skipSpace();
  int got = get();
  if (got == c) return;
  if (got < 0) fail(std::string("the file ends early (truncated?): expected '") + c + "'");
  fail(std::string("expected '") + c + "'");
}

void JsonArrayStream::readString(std::string &out) {
  out.clear();
  // A \u escape of a high surrogate makes one character with the low one that must follow
  // it. Alone, either half is not text: it is kept in its three-byte form, which is not
  // UTF-8, so the entry holding it is skipped for that reason when its play is written,
  // and the file goes on.
  uint32_t pendingHigh = 0;
  auto flushHigh = [&] {
    if (pendingHigh != 0) encore::appendUtf8(out, pendingHigh);
    pendingHigh = 0;
  };
  for (;;) {
    // Copy the plain run up to the next quote, backslash or control character in one go.
    const size_t start = pos_;
    pos_ = static_cast<size_t>(
        encore::jsonPlainRunEnd<false>(buf_.data() + start, buf_.data() + end_) - buf_.data());
    if (pos_ < end_ && static_cast<unsigned char>(buf_[pos_]) < 0x20) {
      fail("control character in a string");
    }
    if (pos_ > start) flushHigh();
    out.append(buf_.data() + start, pos_ - start);
    if (out.size() > kMaxString) fail("string over 64 KiB");
    int c = get();
    if (c < 0) fail("the file ends inside a string (truncated?)");
    if (c == '"') {
      flushHigh();
      return;
    }
    if (c != '\\') {
      // The run reached the end of the buffer: get() refilled it and returned the next
      // character, which belongs to the string.
      if (c < 0x20) fail("control character in a string");
      flushHigh();
      out.push_back(static_cast<char>(c));
      continue;
    }
    int e = get();
    if (e == 'u') {
      uint32_t v = 0;
      for (int i = 0; i < 4; ++i) {
        int h = hexValue(get());
        if (h < 0) fail("bad \\u escape");
        v = v * 16 + static_cast<uint32_t>(h);
      }
      if (pendingHigh != 0 && v >= 0xDC00 && v <= 0xDFFF) {
        encore::appendUtf8(out, 0x10000 + ((pendingHigh - 0xD800) << 10) + (v - 0xDC00));
        pendingHigh = 0;
        continue;
      }
      flushHigh();
      if (v >= 0xD800 && v <= 0xDBFF) {
        pendingHigh = v;
      } else {
        encore::appendUtf8(out, v);
      }
      continue;
    }
    flushHigh();
    switch (e) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '/':
        out.push_back('/');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      default:
        fail(e < 0 ? "the file ends inside a string (truncated?)" : "bad escape in a string");
    }
  }
}

void JsonArrayStream::skipNested(int depth) {
  if (depth > kMaxDepth) fail("nesting too deep");
  int open = get();
  char close = open == '{' ? '}' : ']';
  skipSpace();
  if (peek() == close) {
    get();
    return;
  }
  std::string scratch;
  for (;;) {
    skipSpace();
    if (open == '{') {
      if (get() != '"') fail("expected a key");
      readString(scratch);
      expect(':');
    }
    JsonValue ignored;
    readValue(ignored, depth + 1);
    skipSpace();
    int c = get();
    if (c == close) return;
    if (c != ',')
      fail(c < 0 ? "the file ends early (truncated?)" : "expected ',' or a closing bracket");
  }
}

void JsonArrayStream::readValue(JsonValue &out, int depth) {
  skipSpace();
  int c = peek();
  auto literal = [&](const char *word, JsonValue::Kind kind) {
    for (const char *p = word; *p != '\0'; ++p) {
      if (get() != *p) fail("unexpected text");
    }
    out.kind = kind;
  };
  switch (c) {
    case '"':
      get();
      out.kind = JsonValue::Kind::String;
      readString(out.text);
      return;
    case 't':
      literal("true", JsonValue::Kind::True);
      return;
    case 'f':
      literal("false", JsonValue::Kind::False);
      return;
    case 'n':
      literal("null", JsonValue::Kind::Null);
      return;
    case '{':
    case '[':
      skipNested(depth);
      out.kind = JsonValue::Kind::Nested;
      return;
    case -1:
      fail("the file ends early (truncated?)");
    default:
      break;
  }
  if (c != '-' && (c < '0' || c > '9')) fail("unexpected character");
  out.kind = JsonValue::Kind::Number;
  out.text.clear();
  auto numberChar = [](int d) {
    return (d >= '0' && d <= '9') || d == '-' || d == '+' || d == '.' || d == 'e' || d == 'E';
  };
  for (int d = peek(); numberChar(d); d = peek()) {
    out.text.push_back(static_cast<char>(get()));
    if (out.text.size() > 64) fail("number too long");
  }
}

bool JsonArrayStream::next(JsonObject &out) {
  if (finished_) return false;
  if (!started_) {
    skipSpace();
    // A UTF-8 byte order mark is tolerated.
    if (peek() == 0xEF) {
      get();
      if (get() != 0xBB || get() != 0xBF) fail("not JSON");
      skipSpace();
    }
    if (get() != '[') fail("not a JSON array");
    started_ = true;
    skipSpace();
    if (peek() == ']') {
      get();
      finished_ = true;
      return false;
    }
  } else {
    skipSpace();
    int c = get();
    if (c == ']') {
      finished_ = true;
      return false;
    }
    if (c != ',') fail(c < 0 ? "the file ends early (truncated?)" : "expected ',' between entries");
  }
  skipSpace();
  if (get() != '{') fail("expected an object");
  out.count = 0;
  skipSpace();
  if (peek() == '}') {
    get();
    return true;
  }
  for (;;) {
    skipSpace();
    if (get() != '"') fail("expected a key");
    if (out.count == out.fields.size()) out.fields.emplace_back();
    if (out.count >= 256) fail("too many fields in one entry");
    JsonField &field = out.fields[out.count++];
    readString(field.key);
    expect(':');
    readValue(field.value, 1);
    skipSpace();
    int c = get();
    if (c == '}') return true;
    if (c != ',') fail(c < 0 ? "the file ends early (truncated?)" : "expected ',' or '}'");
  }
}

}  // namespace spotify_export
