#include "host.h"

#include <cstring>

namespace spotify {
namespace {

template <typename T>
const T *service(const encore_host *host, const char *id) {
  return static_cast<const T *>(host->get_service(host, id));
}

const char *codeName(int32_t code) {
  switch (code) {
    case ENCORE_E_CANCELLED:
      return "cancelled";
    case ENCORE_E_NETWORK:
      return "network error";
    case ENCORE_E_RATE_LIMITED:
      return "rate-limited";
    case ENCORE_E_CIRCUIT_OPEN:
      return "circuit open";
    case ENCORE_E_TOO_LARGE:
      return "response too large";
    case ENCORE_E_NOT_CONNECTED:
      return "not connected";
    case ENCORE_E_RECONNECT_NEEDED:
      return "reconnect needed";
    case ENCORE_E_REJECTED:
      return "records rejected";
    default:
      return "failed";
  }
}

}  // namespace

bool Host::bind(const encore_host *host) {
  host_ = host;
  log_ = service<encore_log_v1>(host, ENCORE_LOG_SERVICE_V1);
  config_ = service<encore_config_v1>(host, ENCORE_CONFIG_SERVICE_V1);
  settings_ = service<encore_settings_v1>(host, ENCORE_SETTINGS_SERVICE_V1);
  kv_ = service<encore_kv_v1>(host, ENCORE_KV_SERVICE_V1);
  time_ = service<encore_time_v1>(host, ENCORE_TIME_SERVICE_V1);
  http_ = service<encore_http_v1>(host, ENCORE_HTTP_SERVICE_V1);
  records_ = service<encore_records_v1>(host, ENCORE_RECORDS_SERVICE_V1);
  run_ = service<encore_run_v1>(host, ENCORE_RUN_SERVICE_V1);
  oauth_ = service<encore_oauth2_v1>(host, ENCORE_OAUTH2_SERVICE_V1);
  sink_ = service<encore_sink_v1>(host, ENCORE_SINK_SERVICE_V1);
  return log_ && config_ && settings_ && kv_ && time_ && http_ && records_ && run_ && oauth_ &&
         sink_;
}

std::string Host::take(char *hostString) const {
  std::string out = hostString != nullptr ? hostString : "";
  host_->free(host_, hostString);
  return out;
}

void Host::log(int32_t level, const std::string &message) const {
  if (log_ != nullptr) log_->log(host_, level, message.c_str());
}

std::optional<std::string> Host::config(const char *key) const {
  char *value = nullptr;
  if (config_->get(host_, key, &value) != ENCORE_OK) return std::nullopt;
  return take(value);
}

int32_t Host::declareSettings(const encore_setting_decl *const *decls, uint32_t count) const {
  return settings_->declare(host_, decls, count);
}

bool Host::boolSetting(const char *key, bool fallback) const {
  int32_t value = 0;
  return settings_->get_bool(host_, key, &value) == ENCORE_OK ? value != 0 : fallback;
}

int64_t Host::intSetting(const char *key, int64_t fallback) const {
  int64_t value = 0;
  return settings_->get_int(host_, key, &value) == ENCORE_OK ? value : fallback;
}

std::string Host::stringSetting(const char *key) const {
  char *value = nullptr;
  if (settings_->get_string(host_, key, &value) != ENCORE_OK) return {};
  return take(value);
}

std::optional<std::string> Host::kvGet(const std::string &key) const {
  char *value = nullptr;
  size_t len = 0;
  if (kv_->get(host_, key.c_str(), &value, &len) != ENCORE_OK) return std::nullopt;
  std::string out(value, len);
  host_->free(host_, value);
  return out;
}

int64_t Host::nowMs() const {
  return time_->now_ms(host_);
}

int32_t Host::setRateLimit(const std::string &baseUrl, uint32_t maxRequests,
                           int64_t windowMs) const {
  return http_->set_rate_limit(host_, baseUrl.c_str(), maxRequests, windowMs);
}

int32_t Host::registerOAuth(const encore_oauth2_provider &provider) const {
  return oauth_->register_provider(host_, &provider);
}

std::string Host::runId(encore_run *run) const {
  return run_->id(run);
}

std::vector<std::string> Host::runItems(encore_run *run) const {
  std::vector<std::string> items;
  uint32_t n = run_->item_count(run);
  for (uint32_t i = 0; i < n; ++i) {
    const char *item = run_->item_at(run, i);
    if (item != nullptr) items.emplace_back(item);
  }
  return items;
}

bool Host::cancelled(encore_run *run) const {
  return time_->is_cancelled(run) != 0;
}

HttpReply Host::send(encore_run *run, const std::string &method, const std::string &url,
                     const std::string &body, bool oauth) const {
  encore_http_header headers[2] = {{"Accept", "application/json"},
                                   {"Content-Type", "application/json"}};
  encore_http_request request;
  std::memset(&request, 0, sizeof request);
  request.struct_size = sizeof request;
  request.method = method.c_str();
  request.url = url.c_str();
  request.headers = headers;
  request.header_count = body.empty() ? 1 : 2;
  request.body = reinterpret_cast<const uint8_t *>(body.data());
  request.body_len = body.size();
  request.auth = oauth ? ENCORE_HTTP_AUTH_OAUTH2 : ENCORE_HTTP_AUTH_NONE;
  encore_http_response *response = nullptr;
  char *error = nullptr;
  int32_t rc = http_->send(run, &request, &response, &error);
  if (rc != ENCORE_OK) {
    std::string why = take(error);
    throw RunError(rc, std::string(codeName(rc)) + (why.empty() ? "" : ": " + why));
  }
  HttpReply reply;
  reply.status = http_->status(response);
  size_t len = 0;
  const uint8_t *data = http_->body(response, &len);
  if (data != nullptr) reply.body.assign(reinterpret_cast<const char *>(data), len);
  if (const char *retry = http_->header(response, "Retry-After")) reply.retryAfter = retry;
  http_->release(response);
  return reply;
}

void Host::submit(encore_run *run, const std::string &document) const {
  char *error = nullptr;
  int32_t rc = records_->submit(run, document.data(), document.size(), &error);
  if (rc != ENCORE_OK) {
    std::string why = take(error);
    throw RunError(rc, "the host did not store a page: " + (why.empty() ? codeName(rc) : why));
  }
}

void Host::collectionBegin(encore_run *run, const char *collection) const {
  int32_t rc = records_->collection_begin(run, collection);
  if (rc != ENCORE_OK) throw RunError(rc, std::string("cannot begin a pass over ") + collection);
}

void Host::collectionEnd(encore_run *run, const char *collection, bool removeMissing) const {
  int32_t rc = records_->collection_end(
      run, collection,
      removeMissing ? ENCORE_COLLECTION_REMOVE_MISSING : ENCORE_COLLECTION_KEEP_MISSING);
  if (rc != ENCORE_OK) throw RunError(rc, std::string("cannot end the pass over ") + collection);
}

std::optional<std::string> Host::storedField(encore_run *run, const char *type,
                                             const std::string &id, const char *field) const {
  char *value = nullptr;
  if (records_->get_field(run, type, id.c_str(), field, &value) != ENCORE_OK) return std::nullopt;
  return take(value);
}

std::string Host::sinkDocument(encore_run *run) const {
  size_t len = 0;
  const char *doc = sink_->document(run, &len);
  return doc != nullptr ? std::string(doc, len) : std::string();
}

void Host::setSinkResult(encore_run *run, const std::string &json) const {
  int32_t rc = sink_->set_result(run, json.data(), json.size());
  if (rc != ENCORE_OK) throw RunError(rc, "the host did not take the push result");
}

}  // namespace spotify
