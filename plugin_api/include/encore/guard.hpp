// encore/guard.hpp -- the boundary of every callback. Nothing may unwind into the host:
// each callback of a C++ plugin runs its body through one of these guards, which turn an
// escaping exception into an ENCORE_* code and, for a run, into the run's error text
// (encore.run/1 set_error), so /api/workers always says why a run failed.
//
//   int32_t runSync(void *state, encore_run *run) noexcept {
//     auto &s = *static_cast<State *>(state);
//     return encore::guardRun(s.host, run, [&] { sync(s, run); });
//   }
#pragma once

#include <cstdint>
#include <exception>
#include <initializer_list>
#include <memory>
#include <new>
#include <string>
#include <type_traits>

#include "encore/host.hpp"

namespace encore {
namespace detail {

/// Tells the host why the run ends: its error text, and a log line with the run's id.
/// Allocation may fail here too: the fixed message still reaches the host.
inline int32_t reportRunFailure(const Host &host, encore_run *run, int32_t code,
                                const char *message) noexcept {
  host.setError(run, message);
  try {
    const std::string line =
        host.runId(run) + ": " + statusText(code) + (*message != '\0' ? ": " : "") + message;
    host.log(isWaiting(code) ? ENCORE_LOG_INFO : ENCORE_LOG_ERROR, line);
  } catch (...) {
    host.log(ENCORE_LOG_ERROR, message);
  }
  return code;
}

template <typename Body>
int32_t invokeForCode(Body &body) {
  if constexpr (std::is_void_v<std::invoke_result_t<Body &>>) {
    body();
    return ENCORE_OK;
  } else {
    return static_cast<int32_t>(body());
  }
}

}  // namespace detail

/// Runs a job, importer or sink body (returning void, or an ENCORE_* code). An Error
/// ends the run with its code, any other exception with ENCORE_E_FAILED; either way its
/// message becomes the run's error text. A code returned without an exception passes as
/// it is (the body has set its reason with Host::setError).
template <typename Body>
int32_t guardRun(const Host &host, encore_run *run, Body &&body) noexcept {
  try {
    return detail::invokeForCode(body);
  } catch (const Error &e) {
    return detail::reportRunFailure(host, run, e.code(), e.what());
  } catch (const std::bad_alloc &) {
    return detail::reportRunFailure(host, run, ENCORE_E_FAILED, "out of memory");
  } catch (const std::exception &e) {
    return detail::reportRunFailure(host, run, ENCORE_E_FAILED, e.what());
  } catch (...) {
    return detail::reportRunFailure(host, run, ENCORE_E_FAILED, "an unknown exception");
  }
}

/// Runs `init`'s body (returning void, or an ENCORE_* code) against the raw host: a
/// failure refuses the plugin, with its reason in the log.
template <typename Body>
int32_t guardInit(const encore_host *raw, Body &&body) noexcept {
  auto refuse = [raw](int32_t code, const char *why) noexcept {
    const auto *log =
        raw != nullptr
            ? static_cast<const encore_log_v1 *>(raw->get_service(raw, ENCORE_LOG_SERVICE_V1))
            : nullptr;
    if (log != nullptr) log->log(raw, ENCORE_LOG_ERROR, why);
    return code;
  };
  try {
    return detail::invokeForCode(body);
  } catch (const Error &e) {
    return refuse(e.code(), e.what());
  } catch (const std::bad_alloc &) {
    return refuse(ENCORE_E_INTERNAL, "out of memory");
  } catch (const std::exception &e) {
    return refuse(ENCORE_E_INTERNAL, e.what());
  } catch (...) {
    return refuse(ENCORE_E_INTERNAL, "an unknown exception");
  }
}

/// Runs a callback that answers a value (an importer's probe, say): `fallback` when
/// anything throws.
template <typename Value, typename Body>
Value guardValue(Value fallback, Body &&body) noexcept {
  try {
    return body();
  } catch (...) {
    return fallback;
  }
}

// ---- a plugin whose state is its Host ------------------------------------------------

/// The whole of `init` for a plugin that keeps nothing but its Host: every service it
/// needs checked, its settings declared, the Host its state. Refuses the plugin, with the
/// reason in the log, when either fails. shutdownHost frees that state, and runWithHost
/// makes the run callbacks over it.
inline int32_t initHost(const encore_host *raw, void **stateOut,
                        std::initializer_list<const char *> services,
                        DeclList<encore_setting_decl> settings) noexcept {
  return guardInit(raw, [&] {
    auto host = std::make_unique<Host>(raw);
    host->require(services);
    host->declareSettings(settings);
    *stateOut = host.release();
  });
}

/// The `shutdown` of a plugin made by initHost.
inline void shutdownHost(void *state) noexcept {
  delete static_cast<Host *>(state);
}

/// A run callback of a plugin made by initHost: `Body(host, run)` (returning void or an
/// ENCORE_* code) inside guardRun.
template <auto Body>
int32_t runWithHost(void *state, encore_run *run) noexcept {
  const Host &host = *static_cast<const Host *>(state);
  return guardRun(host, run, [&] { return Body(host, run); });
}

}  // namespace encore
