// The host services the Last.fm plugin uses, wrapped so the rest of the plugin deals in
// std::string and never leaks host memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "encore/plugin_api.h"

namespace lastfm {

struct HttpAnswer {
  int32_t code = ENCORE_OK;  // ENCORE_OK when an HTTP answer arrived
  int status = 0;
  std::string body;
  std::string error;  // when code != ENCORE_OK
};

class HostApi {
 public:
  /// Looks the services up; false when one is missing.
  bool init(const encore_host *host);

  const encore_host *host() const { return host_; }
  void log(int32_t level, const std::string &message) const;

  std::optional<std::string> setting(const char *key) const;
  int64_t intSetting(const char *key, int64_t fallback) const;
  bool declare(const encore_setting_decl *const *decls, uint32_t count) const;
  std::optional<std::string> config(const char *key) const;

  std::optional<std::string> kvGet(const std::string &key) const;
  void kvSet(const std::string &key, const std::string &value) const;
  void kvRemove(const std::string &key) const;

  int64_t nowMs() const { return time_->now_ms(host_); }
  /// false when the run is cancelled meanwhile.
  bool sleep(encore_run *run, int64_t ms) const;
  bool cancelled(encore_run *run) const { return time_->is_cancelled(run) != 0; }
  bool manual(encore_run *run) const { return run_->is_manual(run) != 0; }

  HttpAnswer get(encore_run *run, const std::string &url) const;
  void setRateLimit(const std::string &baseUrl, uint32_t requests, int64_t windowMs) const;
  /// Holds requests to the host of `url` (encore.http/1 pause_host, when the host has it).
  void pauseHost(encore_run *run, const std::string &url, int64_t ms,
                 const std::string &reason) const;

  int32_t submit(encore_run *run, const std::string &document, std::string *error) const;
  /// The run's error as shown in /api/workers (encore.run/1 set_error, when available).
  void setError(encore_run *run, const std::string &message) const;

  const encore_import_v1 *import() const { return import_; }

 private:
  std::string take(char *value) const;

  const encore_host *host_ = nullptr;
  const encore_log_v1 *log_ = nullptr;
  const encore_settings_v1 *settings_ = nullptr;
  const encore_config_v1 *config_ = nullptr;
  const encore_kv_v1 *kv_ = nullptr;
  const encore_time_v1 *time_ = nullptr;
  const encore_http_v1 *http_ = nullptr;
  const encore_records_v1 *records_ = nullptr;
  const encore_run_v1 *run_ = nullptr;
  const encore_import_v1 *import_ = nullptr;
};

}  // namespace lastfm
