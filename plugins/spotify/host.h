// C++ access to the host's services for the Spotify plugin: RAII over host-owned memory,
// std::string in and out. Nothing here throws across the ABI: the entry points catch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "encore/plugin_api.h"

namespace spotify {

/// A failed step of a run, with the ENCORE_* code the run ends with.
class RunError : public std::exception {
 public:
  RunError(int32_t code, std::string message) : code_(code), message_(std::move(message)) {}
  int32_t code() const { return code_; }
  const char *what() const noexcept override { return message_.c_str(); }

 private:
  int32_t code_;
  std::string message_;
};

struct HttpReply {
  int status = 0;
  std::string body;
  std::string retryAfter;
};

/// The host services, looked up once during init.
class Host {
 public:
  /// False when a required service is missing (an older host).
  bool bind(const encore_host *host);

  const encore_host *raw() const { return host_; }
  void log(int32_t level, const std::string &message) const;
  std::optional<std::string> config(const char *key) const;

  int32_t declareSettings(const encore_setting_decl *const *decls, uint32_t count) const;
  bool boolSetting(const char *key, bool fallback) const;
  int64_t intSetting(const char *key, int64_t fallback) const;
  std::string stringSetting(const char *key) const;

  std::optional<std::string> kvGet(const std::string &key) const;
  int64_t nowMs() const;
  int32_t setRateLimit(const std::string &baseUrl, uint32_t maxRequests, int64_t windowMs) const;
  int32_t registerOAuth(const encore_oauth2_provider &provider) const;

  // Per-run services.
  std::string runId(encore_run *run) const;
  std::vector<std::string> runItems(encore_run *run) const;
  bool cancelled(encore_run *run) const;
  /// Sends a request; a reply of any status comes back, no reply throws RunError with the
  /// host's code (rate-limited, circuit open, not connected, network, cancelled...).
  HttpReply send(encore_run *run, const std::string &method, const std::string &url,
                 const std::string &body, bool oauth) const;
  /// Stores one records document; a rejection throws RunError(ENCORE_E_REJECTED).
  void submit(encore_run *run, const std::string &document) const;
  void collectionBegin(encore_run *run, const char *collection) const;
  void collectionEnd(encore_run *run, const char *collection, bool removeMissing) const;
  std::optional<std::string> storedField(encore_run *run, const char *type, const std::string &id,
                                         const char *field) const;
  std::string sinkDocument(encore_run *run) const;
  void setSinkResult(encore_run *run, const std::string &json) const;

 private:
  std::string take(char *hostString) const;  // copies and frees a host string

  const encore_host *host_ = nullptr;
  const encore_log_v1 *log_ = nullptr;
  const encore_config_v1 *config_ = nullptr;
  const encore_settings_v1 *settings_ = nullptr;
  const encore_kv_v1 *kv_ = nullptr;
  const encore_time_v1 *time_ = nullptr;
  const encore_http_v1 *http_ = nullptr;
  const encore_records_v1 *records_ = nullptr;
  const encore_run_v1 *run_ = nullptr;
  const encore_oauth2_v1 *oauth_ = nullptr;
  const encore_sink_v1 *sink_ = nullptr;
};

}  // namespace spotify
