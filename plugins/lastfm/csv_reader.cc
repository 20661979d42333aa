#include "csv_reader.h"

namespace lastfm {

int CsvReader::get() {
  if (pos_ == end_) {
    if (eof_) return -1;
    end_ = read_(buf_.data(), buf_.size());
    pos_ = 0;
    if (end_ == 0) {
      eof_ = true;
      return -1;
    }
  }
  return static_cast<unsigned char>(buf_[pos_++]);
}

bool CsvReader::next(std::vector<std::string> &fields) {
  fields.clear();
  int c = get();
  while (c == '\r' || c == '\n') c = get();  // blank lines
  if (c < 0) return false;
  fields.emplace_back();
  size_t rowBytes = 0;
  bool quoted = false, wasQuoted = false;
  for (;; c = get()) {
    if (++rowBytes > 64 * 1024) throw CsvError("a row over 64 KiB");
    if (quoted) {
      if (c < 0) throw CsvError("the file ends inside a quoted field (truncated?)");
      if (c == '"') {
        int d = get();
        if (d == '"') {
          fields.back().push_back('"');
          continue;
        }
        quoted = false;
        c = d;
      } else {
        fields.back().push_back(static_cast<char>(c));
        continue;
      }
    }
    if (c < 0 || c == '\n') break;
    if (c == '\r') continue;
    if (c == ',') {
      fields.emplace_back();
      wasQuoted = false;
      continue;
    }
    if (c == '"' && fields.back().empty() && !wasQuoted) {
      quoted = wasQuoted = true;
      continue;
    }
    fields.back().push_back(static_cast<char>(c));
  }
  return true;
}

}  // namespace lastfm
