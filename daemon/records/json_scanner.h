// A strict forward reader of JSON text, for the fast paths of RecordStore::submit (a page of
// 50,000 plays read without building a JSON tree). It is narrower than JSON on purpose: it
// refuses whatever it is not sure the generic parser (nlohmann) reads the same way — a byte
// order mark, a number that is not a plain integer of at most 18 digits, nesting deeper
// than 32 — as well as everything invalid (bad UTF-8, a lone surrogate, a control
// character in a string). A caller that meets a refusal leaves the document to the generic
// path, which then accepts it or reports the problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace encore {

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : text_(text) {}

  /// Skips white space; true (and consumed) when the next character is `c`.
  bool consume(char c);
  /// Skips white space; true when the next character is `c` (not consumed).
  bool next(char c);
  /// A string literal, decoded into `out`.
  bool string(std::string &out);
  /// An integer of at most 18 digits (no fraction, no exponent).
  bool integer(int64_t &out);
  /// Consumes `null` when it comes next.
  bool null();
  /// Any value, checked and skipped; its text (without surrounding white space) in `raw`.
  bool skipValue(std::string_view &raw);
  /// Only white space is left.
  bool atEnd();

 private:
  void skipSpace();
  bool skipValue(int depth);
  bool literal(std::string_view word);
  bool escape(std::string &out);
  bool hex4(uint32_t &out);
  size_t validUtf8Sequence(size_t at) const;

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace encore
