#include "play_page.h"

namespace spotify_export {

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

void PlayPage::clear() {
  doc_.assign("{\"records\":[");
  plays_ = 0;
}

void PlayPage::add(const ExportPlay &p) {
  if (plays_ > 0) doc_.push_back(',');
  doc_ += "{\"type\":\"play\",\"source\":\"spotify-export\",\"started_at\":";
  doc_ += std::to_string(p.startedAt);
  doc_ += ",\"ms_played\":";
  doc_ += std::to_string(p.msPlayed);
  doc_ += ",\"track\":{\"name\":";
  appendJsonString(doc_, p.track);
  doc_ += ",\"artist\":";
  appendJsonString(doc_, p.artist);
  if (!p.album.empty()) {
    doc_ += ",\"album\":";
    appendJsonString(doc_, p.album);
  }
  if (!p.uri.empty()) {
    doc_ += ",\"spotify_uri\":\"";
    doc_ += p.uri;
    doc_.push_back('"');
  }
  doc_ += "}}";
  ++plays_;
}

const std::string &PlayPage::finish() {
  doc_ += "]}";
  return doc_;
}

}  // namespace spotify_export
