#include "history/identity.h"

#include <cctype>

namespace encore {

std::string normalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (unsigned char c : name) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
  }
  return out;
}

std::string trackKey(std::string_view artist, std::string_view track) {
  return normalizeName(artist) + '\x1f' + normalizeName(track);
}

std::string albumKey(std::string_view artist, std::string_view album) {
  return normalizeName(artist) + '\x1f' + normalizeName(album);
}

}  // namespace encore
