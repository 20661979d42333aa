#include "host_api.h"

#include <cstddef>

namespace lastfm {
namespace {

template <typename T>
const T *service(const encore_host *host, const char *id) {
  return static_cast<const T *>(host->get_service(host, id));
}

}  // namespace

bool HostApi::init(const encore_host *host) {
  host_ = host;
  log_ = service<encore_log_v1>(host, ENCORE_LOG_SERVICE_V1);
  settings_ = service<encore_settings_v1>(host, ENCORE_SETTINGS_SERVICE_V1);
  config_ = service<encore_config_v1>(host, ENCORE_CONFIG_SERVICE_V1);
  kv_ = service<encore_kv_v1>(host, ENCORE_KV_SERVICE_V1);
  time_ = service<encore_time_v1>(host, ENCORE_TIME_SERVICE_V1);
  http_ = service<encore_http_v1>(host, ENCORE_HTTP_SERVICE_V1);
  records_ = service<encore_records_v1>(host, ENCORE_RECORDS_SERVICE_V1);
  run_ = service<encore_run_v1>(host, ENCORE_RUN_SERVICE_V1);
  import_ = service<encore_import_v1>(host, ENCORE_IMPORT_SERVICE_V1);
  return log_ && settings_ && config_ && kv_ && time_ && http_ && records_ && run_ && import_;
}

std::string HostApi::take(char *value) const {
  std::string out = value != nullptr ? value : "";
  host_->free(host_, value);
  return out;
}

void HostApi::log(int32_t level, const std::string &message) const {
  log_->log(host_, level, message.c_str());
}

std::optional<std::string> HostApi::setting(const char *key) const {
  char *value = nullptr;
  if (settings_->get_string(host_, key, &value) != ENCORE_OK) return std::nullopt;
  return take(value);
}

int64_t HostApi::intSetting(const char *key, int64_t fallback) const {
  int64_t value = fallback;
  return settings_->get_int(host_, key, &value) == ENCORE_OK ? value : fallback;
}

bool HostApi::declare(const encore_setting_decl *const *decls, uint32_t count) const {
  return settings_->declare(host_, decls, count) == ENCORE_OK;
}

std::optional<std::string> HostApi::config(const char *key) const {
  char *value = nullptr;
  if (config_->get(host_, key, &value) != ENCORE_OK) return std::nullopt;
  return take(value);
}

std::optional<std::string> HostApi::kvGet(const std::string &key) const {
  char *value = nullptr;
  size_t len = 0;
  if (kv_->get(host_, key.c_str(), &value, &len) != ENCORE_OK) return std::nullopt;
  std::string out(value, len);
  host_->free(host_, value);
  return out;
}

void HostApi::kvSet(const std::string &key, const std::string &value) const {
  kv_->set(host_, key.c_str(), value.data(), value.size());
}

void HostApi::kvRemove(const std::string &key) const {
  kv_->remove(host_, key.c_str());
}

bool HostApi::sleep(encore_run *run, int64_t ms) const {
  return time_->sleep_ms(run, ms) == ENCORE_OK;
}

HttpAnswer HostApi::get(encore_run *run, const std::string &url) const {
  static const encore_http_header kHeaders[] = {
      {"User-Agent", "Encore/1.0 (self-hosted music history)"}, {"Accept", "application/json"}};
  encore_http_request request{};
  request.struct_size = sizeof request;
  request.method = "GET";
  request.url = url.c_str();
  request.headers = kHeaders;
  request.header_count = 2;
  request.auth = ENCORE_HTTP_AUTH_NONE;
  encore_http_response *response = nullptr;
  char *error = nullptr;
  HttpAnswer answer;
  answer.code = http_->send(run, &request, &response, &error);
  if (answer.code != ENCORE_OK) {
    answer.error = take(error);
    return answer;
  }
  answer.status = http_->status(response);
  size_t len = 0;
  const uint8_t *body = http_->body(response, &len);
  answer.body.assign(reinterpret_cast<const char *>(body), len);
  http_->release(response);
  return answer;
}

void HostApi::setRateLimit(const std::string &baseUrl, uint32_t requests, int64_t windowMs) const {
  http_->set_rate_limit(host_, baseUrl.c_str(), requests, windowMs);
}

void HostApi::pauseHost(encore_run *run, const std::string &url, int64_t ms,
                        const std::string &reason) const {
  if (http_->struct_size >= offsetof(encore_http_v1, pause_host) + sizeof(void *) &&
      http_->pause_host != nullptr) {
    http_->pause_host(run, url.c_str(), ms, reason.c_str());
  }
}

int32_t HostApi::submit(encore_run *run, const std::string &document, std::string *error) const {
  char *message = nullptr;
  int32_t rc = records_->submit(run, document.data(), document.size(), &message);
  std::string text = take(message);
  if (error != nullptr) *error = text;
  return rc;
}

void HostApi::setError(encore_run *run, const std::string &message) const {
  if (run_->struct_size >= offsetof(encore_run_v1, set_error) + sizeof(void *) &&
      run_->set_error != nullptr) {
    run_->set_error(run, message.c_str());
  }
  log(ENCORE_LOG_WARNING, message);
}

}  // namespace lastfm
