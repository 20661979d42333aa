// Cutting names where a reader sees a character end. Names come in every script: 坂本龍一,
// 아이유, Земфира, Ólafur Arnalds, emoji sequences such as 👩🏽‍🎤 or 🇯🇵. A byte, or even
// a code point, is not a character: "é" may be two code points and 👩🏽‍🎤 is four. These
// functions work in grapheme clusters (Unicode UAX #29, from ICU's break iterator), so an initial
// or a shortened name is never half a character, and what they return is always valid UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace encore::text {

/// `utf8` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so it
/// can be shown and put in JSON.
std::string validUtf8(std::string_view utf8);

/// The first character of `utf8` that is a letter, digit or symbol (leading spaces and
/// punctuation skipped, e.g. the "W" of "\"Weird Al\" Yankovic"); the first character when
/// there is none; "" for an empty text. A whole grapheme cluster: "Ó", "坂", "👩🏽‍🎤".
std::string initial(std::string_view utf8);

/// How many columns `utf8` takes in a proportional font, roughly: East Asian wide and
/// full-width characters and emoji count two, every other character one.
size_t columns(std::string_view utf8);

/// `utf8` in at most `maxColumns` columns (see columns()), cut between characters with "…"
/// (one column) at the end when anything was left out.
std::string clipColumns(std::string_view utf8, size_t maxColumns);

/// `utf8` in at most `maxBytes` bytes, cut between characters, for messages with a byte
/// budget.
std::string clipBytes(std::string_view utf8, size_t maxBytes);

}  // namespace encore::text
