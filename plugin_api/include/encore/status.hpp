// encore/status.hpp -- the C++ SDK's errors. Inside a plugin a failure is an exception;
// at the ABI it is an ENCORE_* code and the run's error text. encore::guardRun
// (encore/guard.hpp) turns the one into the other in every callback, so nothing unwinds
// into the host.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "encore/plugin_api.h"

namespace encore {

/// A failure with the ENCORE_* code its callback returns. what() is the run's error text
/// (encore.run/1 set_error): say what failed and why, in words a user can act on; never
/// put a secret (an API key, a token, a URL carrying one) in it.
class Error : public std::runtime_error {
 public:
  Error(int32_t code, const std::string &message)
      : std::runtime_error(message), code_(code == ENCORE_OK ? ENCORE_E_FAILED : code) {}
  int32_t code() const noexcept { return code_; }

 private:
  int32_t code_;
};

/// Text that is not well-formed UTF-8 (a stray or missing continuation byte, an overlong
/// form, a surrogate, a code point past U+10FFFF), refused by the JSON writer.
class InvalidText : public Error {
 public:
  InvalidText() : Error(ENCORE_E_INVALID_ARGUMENT, "text is not valid UTF-8") {}
};

/// The code's meaning in a few words (encore_status_text: the one table of them).
inline const char *statusText(int32_t code) noexcept {
  return encore_status_text(code);
}

/// Codes that mean "wait", not "broken": the host holds the job and says why itself.
inline bool isWaiting(int32_t code) noexcept {
  return code == ENCORE_E_CANCELLED || code == ENCORE_E_RATE_LIMITED ||
         code == ENCORE_E_CIRCUIT_OPEN || code == ENCORE_E_NOT_CONNECTED ||
         code == ENCORE_E_RECONNECT_NEEDED;
}

}  // namespace encore
