#include "daemon/history/identity.h"

#include <glib.h>

#include <array>
#include <memory>

namespace encore {
namespace {

bool isAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool asciiSpace(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/// Lower-cases and collapses white space of an ASCII name (already NFC and case-folded
/// by construction once lower-cased).
std::string foldAscii(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (unsigned char c : name) {
    if (asciiSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return out;
}

struct GFreeDeleter {
  void operator()(gchar *p) const { g_free(p); }
};
using GString_ = std::unique_ptr<gchar, GFreeDeleter>;

/// Case fold, NFC, Unicode white space collapsed, typographic quotes and dashes as ASCII.
std::string foldUnicode(std::string_view name) {
  if (!g_utf8_validate(name.data(), static_cast<gssize>(name.size()), nullptr)) {
    return foldAscii(name);  // not UTF-8: compare bytes, ASCII letters folded
  }
  GString_ folded(g_utf8_casefold(name.data(), static_cast<gssize>(name.size())));
  GString_ nfc(g_utf8_normalize(folded.get(), -1, G_NORMALIZE_DEFAULT_COMPOSE));
  if (!nfc) return foldAscii(name);
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (const gchar *p = nfc.get(); *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || c == 0x200B) {
      space = !out.empty();
      continue;
    }
    switch (c) {
      case 0x2018:
      case 0x2019:
      case 0x201B:
      case 0x2032:
        c = '\'';
        break;
      case 0x201C:
      case 0x201D:
      case 0x2033:
        c = '"';
        break;
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
        c = '-';
        break;
      default:
        break;
    }
    if (space) out.push_back(' ');
    space = false;
    std::array<gchar, 8> utf8{};
    int n = g_unichar_to_utf8(c, utf8.data());
    out.append(utf8.data(), static_cast<size_t>(n));
  }
  return out;
}

bool startsWithWord(std::string_view s, size_t pos, std::string_view word) {
  if (s.compare(pos, word.size(), word) != 0) return false;
  size_t end = pos + word.size();
  // "feat." / "ft." end with the dot; "feat" / "ft" / "featuring" / "with" need a space.
  return word.back() == '.' || (end < s.size() && s[end] == ' ');
}

bool featWordAt(std::string_view s, size_t pos, bool bracketed) {
  static constexpr std::string_view kWords[] = {"featuring", "feat.", "feat", "ft.", "ft"};
  for (auto w : kWords) {
    if (startsWithWord(s, pos, w)) return true;
  }
  return bracketed && startsWithWord(s, pos, "with");
}

/// Removes "(feat. X)" / "[ft. X]" / "(with X)" groups and a trailing " feat. X" part of an
/// already folded name.
std::string stripFeaturing(std::string s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char open = s[i];
    if (open != '(' && open != '[') continue;
    size_t word = i + 1;
    while (word < s.size() && s[word] == ' ') ++word;
    if (!featWordAt(s, word, true)) continue;
    char close = open == '(' ? ')' : ']';
    size_t end = s.find(close, word);
    end = end == std::string::npos ? s.size() : end + 1;
    s.erase(i, end - i);
    --i;
  }
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i - 1] == ' ' && featWordAt(s, i, false)) {
      s.erase(i - 1);
      break;
    }
  }
  // Removing a part can leave double, leading or trailing spaces or a dangling " -".
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '-')) out.pop_back();
  return out;
}

}  // namespace

std::string normalizeName(std::string_view name) {
  std::string folded = isAscii(name) ? foldAscii(name) : foldUnicode(name);
  std::string stripped = stripFeaturing(folded);
  // A name that is nothing but a "feat." part keeps its folded form rather than vanish.
  return stripped.empty() ? folded : stripped;
}

std::string songKey(std::string_view artist, std::string_view title) {
  return normalizeName(artist) + '\x1f' + normalizeName(title);
}

std::string trackKey(std::string_view artist, std::string_view title, std::string_view album) {
  return songKey(artist, title) + '\x1f' + normalizeName(album);
}

std::string albumKey(std::string_view artist, std::string_view album) {
  return normalizeName(artist) + '\x1f' + normalizeName(album);
}

}  // namespace encore
