#include "play_page_text.h"

namespace lastfm {
namespace {

void appendJsonString(std::string &out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

}  // namespace

void PlayPageText::clear() {
  doc_.assign("{\"records\":[");
  plays_ = 0;
}

void PlayPageText::add(int64_t startedAt, std::string_view artist, std::string_view track,
                       std::string_view album) {
  if (plays_ > 0) doc_.push_back(',');
  doc_ += "{\"type\":\"play\",\"source\":";
  appendJsonString(doc_, source_);
  doc_ += ",\"started_at\":";
  doc_ += std::to_string(startedAt);
  doc_ += ",\"ms_played\":0,\"track\":{\"name\":";
  appendJsonString(doc_, track);
  doc_ += ",\"artist\":";
  appendJsonString(doc_, artist);
  if (!album.empty()) {
    doc_ += ",\"album\":";
    appendJsonString(doc_, album);
  }
  doc_ += "}}";
  ++plays_;
}

const std::string &PlayPageText::finish() {
  doc_ += "]}";
  return doc_;
}

bool validUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;
    uint32_t cp = 0, min = 0;
    if ((c >> 5) == 6) {
      n = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c >> 4) == 14) {
      n = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c >> 3) == 30) {
      n = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

}  // namespace lastfm
