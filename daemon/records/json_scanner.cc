#include "daemon/records/json_scanner.h"

namespace encore {
namespace {

constexpr int kMaxDepth = 32;
constexpr int kMaxDigits = 18;

void appendUtf8(std::string &out, uint32_t cp) {
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

bool inRange(unsigned char c, unsigned char lo, unsigned char hi) {
  return c >= lo && c <= hi;
}

}  // namespace

void JsonScanner::skipSpace() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
    ++pos_;
  }
}

bool JsonScanner::consume(char c) {
  skipSpace();
  if (pos_ >= text_.size() || text_[pos_] != c) return false;
  ++pos_;
  return true;
}

bool JsonScanner::next(char c) {
  skipSpace();
  return pos_ < text_.size() && text_[pos_] == c;
}

bool JsonScanner::atEnd() {
  skipSpace();
  return pos_ == text_.size();
}

size_t JsonScanner::validUtf8Sequence(size_t at) const {
  // RFC 3629 (as nlohmann checks it): no overlong forms, no surrogates, at most U+10FFFF.
  auto byte = [&](size_t i) -> unsigned char {
    return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0;
  };
  const unsigned char c = byte(at);
  const unsigned char c1 = byte(at + 1), c2 = byte(at + 2), c3 = byte(at + 3);
  auto cont = [](unsigned char b) { return inRange(b, 0x80, 0xBF); };
  if (inRange(c, 0xC2, 0xDF)) return cont(c1) ? 2 : 0;
  if (c == 0xE0) return inRange(c1, 0xA0, 0xBF) && cont(c2) ? 3 : 0;
  if (inRange(c, 0xE1, 0xEC) || c == 0xEE || c == 0xEF) return cont(c1) && cont(c2) ? 3 : 0;
  if (c == 0xED) return inRange(c1, 0x80, 0x9F) && cont(c2) ? 3 : 0;
  if (c == 0xF0) return inRange(c1, 0x90, 0xBF) && cont(c2) && cont(c3) ? 4 : 0;
  if (inRange(c, 0xF1, 0xF3)) return cont(c1) && cont(c2) && cont(c3) ? 4 : 0;
  if (c == 0xF4) return inRange(c1, 0x80, 0x8F) && cont(c2) && cont(c3) ? 4 : 0;
  return 0;
}

bool JsonScanner::hex4(uint32_t &out) {
  if (pos_ + 4 > text_.size()) return false;
  out = 0;
  for (int i = 0; i < 4; ++i) {
    char c = text_[pos_++];
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) return false;
    out = out * 16 + static_cast<uint32_t>(v);
  }
  return true;
}

bool JsonScanner::escape(std::string &out) {
  if (pos_ >= text_.size()) return false;
  char e = text_[pos_++];
  switch (e) {
    case '"':
    case '\\':
    case '/':
      out.push_back(e);
      return true;
    case 'b':
      out.push_back('\b');
      return true;
    case 'f':
      out.push_back('\f');
      return true;
    case 'n':
      out.push_back('\n');
      return true;
    case 'r':
      out.push_back('\r');
      return true;
    case 't':
      out.push_back('\t');
      return true;
    case 'u':
      break;
    default:
      return false;
  }
  uint32_t cp = 0;
  if (!hex4(cp)) return false;
  if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    uint32_t low = 0;
    if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') return false;
    pos_ += 2;
    if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  }
  appendUtf8(out, cp);
  return true;
}

bool JsonScanner::string(std::string &out) {
  out.clear();
  if (!consume('"')) return false;
  for (;;) {
    // The plain run up to the next quote, backslash or non-ASCII byte, in one append.
    size_t start = pos_;
    while (pos_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"' || c == '\\' || c >= 0x80) break;
      if (c < 0x20) return false;
      ++pos_;
    }
    out.append(text_.data() + start, pos_ - start);
    if (pos_ >= text_.size()) return false;
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\\') {
      ++pos_;
      if (!escape(out)) return false;
      continue;
    }
    size_t n = validUtf8Sequence(pos_);
    if (n == 0) return false;
    out.append(text_.data() + pos_, n);
    pos_ += n;
  }
}

bool JsonScanner::integer(int64_t &out) {
  skipSpace();
  size_t p = pos_;
  bool negative = p < text_.size() && text_[p] == '-';
  if (negative) ++p;
  const size_t digitsStart = p;
  int64_t value = 0;
  while (p < text_.size() && text_[p] >= '0' && text_[p] <= '9') {
    value = value * 10 + (text_[p] - '0');
    ++p;
    if (p - digitsStart > kMaxDigits) return false;
  }
  const size_t digits = p - digitsStart;
  if (digits == 0 || (digits > 1 && text_[digitsStart] == '0')) return false;
  if (p < text_.size() && (text_[p] == '.' || text_[p] == 'e' || text_[p] == 'E')) return false;
  pos_ = p;
  out = negative ? -value : value;
  return true;
}

bool JsonScanner::literal(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) return false;
  pos_ += word.size();
  return true;
}

bool JsonScanner::null() {
  skipSpace();
  return literal("null");
}

bool JsonScanner::skipValue(std::string_view &raw) {
  skipSpace();
  const size_t start = pos_;
  if (!skipValue(0)) return false;
  raw = text_.substr(start, pos_ - start);
  return true;
}

bool JsonScanner::skipValue(int depth) {
  if (depth > kMaxDepth) return false;
  skipSpace();
  if (pos_ >= text_.size()) return false;
  std::string scratch;
  switch (text_[pos_]) {
    case '"':
      return string(scratch);
    case 't':
      return literal("true");
    case 'f':
      return literal("false");
    case 'n':
      return literal("null");
    case '[':
      ++pos_;
      if (consume(']')) return true;
      do {
        if (!skipValue(depth + 1)) return false;
      } while (consume(','));
      return consume(']');
    case '{':
      ++pos_;
      if (consume('}')) return true;
      do {
        if (!string(scratch) || !consume(':') || !skipValue(depth + 1)) return false;
      } while (consume(','));
      return consume('}');
    default: {
      int64_t ignored = 0;
      return integer(ignored);
    }
  }
}

}  // namespace encore
