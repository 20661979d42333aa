// encore/host.hpp -- the host as a C++ plugin sees it: every service looked up once, in
// std::string and std::optional, with RAII owners for what the host allocates. A thin
// layer: each call is one call of the C table (plugin_api.h documents who may call what,
// from which thread: the tags [init], [run], [any thread] hold here too).
//
// Failures that end a run (no HTTP answer, a refused page) throw encore::Error with the
// host's code and message; encore::guardRun (encore/guard.hpp) turns them into the
// callback's code and the run's error text. Lookups that may find nothing return nullopt.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "encore/decl.hpp"
#include "encore/status.hpp"

namespace encore {

/// Owns a string the host allocated (settings, kv, config, error messages) and frees it
/// through the host.
class HostString {
 public:
  explicit HostString(const encore_host *host) noexcept : host_(host) {}
  ~HostString() { reset(); }
  HostString(HostString &&other) noexcept : host_(other.host_), ptr_(other.ptr_) {
    other.ptr_ = nullptr;
  }
  HostString &operator=(HostString &&other) noexcept {
    if (this != &other) {
      reset();
      host_ = other.host_;
      ptr_ = std::exchange(other.ptr_, nullptr);
    }
    return *this;
  }
  HostString(const HostString &) = delete;
  HostString &operator=(const HostString &) = delete;

  /// For the C call that fills it: service->get(host, key, s.out()).
  char **out() noexcept {
    reset();
    return &ptr_;
  }
  const char *get() const noexcept { return ptr_; }
  explicit operator bool() const noexcept { return ptr_ != nullptr; }
  std::string_view view() const noexcept { return ptr_ != nullptr ? ptr_ : std::string_view(); }
  std::string str() const { return std::string(view()); }
  void reset() noexcept {
    if (ptr_ != nullptr && host_ != nullptr) host_->free(host_, ptr_);
    ptr_ = nullptr;
  }

 private:
  const encore_host *host_;
  char *ptr_ = nullptr;
};

/// Owns an HTTP response of encore.http/1 and releases it.
class HttpResponse {
 public:
  HttpResponse() = default;
  HttpResponse(const encore_http_v1 *http, encore_http_response *response) noexcept
      : http_(http), response_(response) {}
  ~HttpResponse() { reset(); }
  HttpResponse(HttpResponse &&other) noexcept
      : http_(other.http_), response_(std::exchange(other.response_, nullptr)) {}
  HttpResponse &operator=(HttpResponse &&other) noexcept {
    if (this != &other) {
      reset();
      http_ = other.http_;
      response_ = std::exchange(other.response_, nullptr);
    }
    return *this;
  }
  HttpResponse(const HttpResponse &) = delete;
  HttpResponse &operator=(const HttpResponse &) = delete;

  int status() const { return static_cast<int>(http_->status(response_)); }
  /// The body, valid as long as this response.
  std::string_view body() const {
    size_t len = 0;
    const uint8_t *data = http_->body(response_, &len);
    return data != nullptr ? std::string_view(reinterpret_cast<const char *>(data), len)
                           : std::string_view();
  }
  /// A header by case-insensitive name, valid as long as this response.
  std::optional<std::string_view> header(const char *name) const {
    const char *value = http_->header(response_, name);
    return value != nullptr ? std::optional<std::string_view>(value) : std::nullopt;
  }
  void reset() noexcept {
    if (response_ != nullptr) http_->release(response_);
    response_ = nullptr;
  }

 private:
  const encore_http_v1 *http_ = nullptr;
  encore_http_response *response_ = nullptr;
};

/// A request for Host::send. Header names and values are the caller's, alive during the
/// call (string literals, usually).
struct HttpRequest {
  const char *method = "GET";
  std::string url;  // absolute, query already encoded (urlEncode)
  std::vector<encore_http_header> headers;
  std::string_view body;
  int64_t timeoutMs = 0;  // 0: the host's default
  bool oauth = false;     // ENCORE_HTTP_AUTH_OAUTH2: the host adds the bearer token
};

class Host {
 public:
  Host() = default;
  /// Looks every service up once. A missing one is reported when first used (Error with
  /// ENCORE_E_UNSUPPORTED), or at once by require().
  explicit Host(const encore_host *host) : host_(host) {
    log_ = lookup<encore_log_v1>(ENCORE_LOG_SERVICE_V1);
    time_ = lookup<encore_time_v1>(ENCORE_TIME_SERVICE_V1);
    config_ = lookup<encore_config_v1>(ENCORE_CONFIG_SERVICE_V1);
    settings_ = lookup<encore_settings_v1>(ENCORE_SETTINGS_SERVICE_V1);
    kv_ = lookup<encore_kv_v1>(ENCORE_KV_SERVICE_V1);
    http_ = lookup<encore_http_v1>(ENCORE_HTTP_SERVICE_V1);
    records_ = lookup<encore_records_v1>(ENCORE_RECORDS_SERVICE_V1);
    run_ = lookup<encore_run_v1>(ENCORE_RUN_SERVICE_V1);
    oauth2_ = lookup<encore_oauth2_v1>(ENCORE_OAUTH2_SERVICE_V1);
    import_ = lookup<encore_import_v1>(ENCORE_IMPORT_SERVICE_V1);
    sink_ = lookup<encore_sink_v1>(ENCORE_SINK_SERVICE_V1);
  }

  const encore_host *raw() const noexcept { return host_; }
  const char *pluginId() const noexcept { return host_ != nullptr ? host_->plugin_id : ""; }

  /// Throws Error(ENCORE_E_UNSUPPORTED) naming the first of `serviceIds` the host lacks:
  /// an init that needs them refuses to load, with the reason in the log.
  void require(std::initializer_list<const char *> serviceIds) const {
    for (const char *id : serviceIds) {
      if (host_ == nullptr || host_->get_service(host_, id) == nullptr)
        throw Error(ENCORE_E_UNSUPPORTED, std::string("the host offers no ") + id);
    }
  }

  // ---- functions appended to a table after ABI 1.0 ------------------------------------
  /// encore.run/1 set_error (1.1).
  bool hasSetError() const noexcept {
    return ENCORE_HAS_FIELD(run_, set_error) && run_->set_error != nullptr;
  }
  /// encore.http/1 pause_host (1.1).
  bool hasPauseHost() const noexcept {
    return ENCORE_HAS_FIELD(http_, pause_host) && http_->pause_host != nullptr;
  }

  // ---- encore.log/1 ----------------------------------------------------------------------
  void log(int32_t level, const char *message) const noexcept {
    if (log_ != nullptr && message != nullptr) log_->log(host_, level, message);
  }
  void log(int32_t level, const std::string &message) const noexcept {
    log(level, message.c_str());
  }

  // ---- encore.time/1 ---------------------------------------------------------------------
  int64_t nowMs() const { return need(time_, ENCORE_TIME_SERVICE_V1)->now_ms(host_); }
  /// Sleeps up to `ms`; false when the run was cancelled meanwhile.
  bool sleepMs(encore_run *run, int64_t ms) const {
    return need(time_, ENCORE_TIME_SERVICE_V1)->sleep_ms(run, ms) == ENCORE_OK;
  }
  bool cancelled(encore_run *run) const {
    return need(time_, ENCORE_TIME_SERVICE_V1)->is_cancelled(run) != 0;
  }
  /// Throws Error(ENCORE_E_CANCELLED) when the run is being cancelled.
  void checkCancelled(encore_run *run) const {
    if (cancelled(run)) throw Error(ENCORE_E_CANCELLED, "cancelled");
  }

  // ---- encore.config/1 -------------------------------------------------------------------
  std::optional<std::string> config(const char *key) const {
    HostString value(host_);
    if (need(config_, ENCORE_CONFIG_SERVICE_V1)->get(host_, key, value.out()) != ENCORE_OK)
      return std::nullopt;
    return value.str();
  }

  // ---- encore.settings/1 -----------------------------------------------------------------
  /// Declares settings [init]; throws Error when the host refuses one (it logs which).
  void declareSettings(DeclList<encore_setting_decl> decls) const {
    const int32_t rc =
        need(settings_, ENCORE_SETTINGS_SERVICE_V1)->declare(host_, decls.items, decls.count);
    if (rc != ENCORE_OK) throw Error(rc, "the host refused the settings' declarations");
  }
  bool boolSetting(const char *key, bool fallback) const {
    int32_t value = 0;
    return need(settings_, ENCORE_SETTINGS_SERVICE_V1)->get_bool(host_, key, &value) == ENCORE_OK
               ? value != 0
               : fallback;
  }
  int64_t intSetting(const char *key, int64_t fallback) const {
    int64_t value = 0;
    return need(settings_, ENCORE_SETTINGS_SERVICE_V1)->get_int(host_, key, &value) == ENCORE_OK
               ? value
               : fallback;
  }
  /// STRING and SECRET settings; nullopt when undeclared or of another type.
  std::optional<std::string> stringSetting(const char *key) const {
    HostString value(host_);
    if (need(settings_, ENCORE_SETTINGS_SERVICE_V1)->get_string(host_, key, value.out()) !=
        ENCORE_OK)
      return std::nullopt;
    return value.str();
  }

  // ---- encore.kv/1 -----------------------------------------------------------------------
  std::optional<std::string> kvGet(const std::string &key) const {
    HostString value(host_);
    size_t len = 0;
    if (need(kv_, ENCORE_KV_SERVICE_V1)->get(host_, key.c_str(), value.out(), &len) != ENCORE_OK)
      return std::nullopt;
    return std::string(value.get() != nullptr ? value.get() : "", value ? len : 0);
  }
  void kvSet(const std::string &key, std::string_view value) const {
    const int32_t rc =
        need(kv_, ENCORE_KV_SERVICE_V1)->set(host_, key.c_str(), value.data(), value.size());
    if (rc != ENCORE_OK) throw Error(rc, "the host did not keep the value of '" + key + "'");
  }
  void kvRemove(const std::string &key) const {
    const int32_t rc = need(kv_, ENCORE_KV_SERVICE_V1)->remove(host_, key.c_str());
    if (rc != ENCORE_OK && rc != ENCORE_E_NOT_FOUND)
      throw Error(rc, "the host did not remove '" + key + "'");
  }

  // ---- encore.http/1 ---------------------------------------------------------------------
  /// Sends `request` for `run`. A response of any status comes back; no response (a
  /// network failure, a pause, an open breaker, no account, cancellation) throws Error
  /// with the host's code and message.
  HttpResponse send(encore_run *run, const HttpRequest &request) const {
    const encore_http_v1 *http = need(http_, ENCORE_HTTP_SERVICE_V1);
    encore_http_request raw{};
    raw.struct_size = sizeof raw;
    raw.method = request.method;
    raw.url = request.url.c_str();
    raw.headers = request.headers.empty() ? nullptr : request.headers.data();
    raw.header_count = static_cast<uint32_t>(request.headers.size());
    raw.body = reinterpret_cast<const uint8_t *>(request.body.data());
    raw.body_len = request.body.size();
    raw.timeout_ms = request.timeoutMs;
    raw.auth = request.oauth ? ENCORE_HTTP_AUTH_OAUTH2 : ENCORE_HTTP_AUTH_NONE;
    encore_http_response *response = nullptr;
    HostString error(host_);
    const int32_t rc = http->send(run, &raw, &response, error.out());
    if (rc != ENCORE_OK) {
      if (response != nullptr) http->release(response);
      throw Error(rc, error ? error.str() : std::string("no answer"));
    }
    return HttpResponse(http, response);
  }
  /// At most `maxRequests` per `windowMs` to the host of `baseUrl` (0 removes the budget).
  void setRateLimit(const std::string &baseUrl, uint32_t maxRequests, int64_t windowMs) const {
    const int32_t rc = need(http_, ENCORE_HTTP_SERVICE_V1)
                           ->set_rate_limit(host_, baseUrl.c_str(), maxRequests, windowMs);
    if (rc != ENCORE_OK) throw Error(rc, "the host refused a request budget for " + baseUrl);
  }
  /// Holds every request to the host of `url` for `ms` (ABI 1.1); false when this host
  /// cannot (an older one), or refused.
  bool pauseHost(encore_run *run, const std::string &url, int64_t ms,
                 const std::string &reason) const {
    if (!hasPauseHost()) return false;
    return http_->pause_host(run, url.c_str(), ms, reason.c_str()) == ENCORE_OK;
  }

  // ---- encore.records/1 ------------------------------------------------------------------
  /// Stores one document in one transaction; a refusal throws Error (ENCORE_E_REJECTED
  /// names the first bad record; the host fails the run with it whatever happens next).
  void submit(encore_run *run, std::string_view document) const {
    HostString error(host_);
    const int32_t rc = need(records_, ENCORE_RECORDS_SERVICE_V1)
                           ->submit(run, document.data(), document.size(), error.out());
    if (rc != ENCORE_OK) {
      throw Error(rc, "the host did not store a page: " +
                          (error ? error.str() : std::string(statusText(rc))));
    }
  }
  void collectionBegin(encore_run *run, const char *collection) const {
    const int32_t rc = need(records_, ENCORE_RECORDS_SERVICE_V1)->collection_begin(run, collection);
    if (rc != ENCORE_OK) throw Error(rc, std::string("cannot begin a pass over ") + collection);
  }
  void collectionEnd(encore_run *run, const char *collection, bool removeMissing) const {
    const int32_t rc = need(records_, ENCORE_RECORDS_SERVICE_V1)
                           ->collection_end(run, collection,
                                            removeMissing ? ENCORE_COLLECTION_REMOVE_MISSING
                                                          : ENCORE_COLLECTION_KEEP_MISSING);
    if (rc != ENCORE_OK) throw Error(rc, std::string("cannot end the pass over ") + collection);
  }
  /// A stored field of one of this plugin's entities; nullopt when unknown.
  std::optional<std::string> storedField(encore_run *run, const char *type, const std::string &id,
                                         const char *field) const {
    HostString value(host_);
    if (need(records_, ENCORE_RECORDS_SERVICE_V1)
            ->get_field(run, type, id.c_str(), field, value.out()) != ENCORE_OK)
      return std::nullopt;
    return value.str();
  }

  // ---- encore.run/1 ----------------------------------------------------------------------
  std::string runId(encore_run *run) const {
    const char *id = need(run_, ENCORE_RUN_SERVICE_V1)->id(run);
    return id != nullptr ? id : "";
  }
  /// A gradual job's items for this run, stalest first.
  std::vector<std::string> runItems(encore_run *run) const {
    const encore_run_v1 *service = need(run_, ENCORE_RUN_SERVICE_V1);
    std::vector<std::string> items;
    const uint32_t n = service->item_count(run);
    items.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      if (const char *item = service->item_at(run, i)) items.emplace_back(item);
    }
    return items;
  }
  bool manual(encore_run *run) const {
    return need(run_, ENCORE_RUN_SERVICE_V1)->is_manual(run) != 0;
  }
  /// The run's error text, shown in /api/workers (ABI 1.1; a no-op on an older host).
  void setError(encore_run *run, const char *message) const noexcept {
    if (hasSetError() && message != nullptr) run_->set_error(run, message);
  }
  void setError(encore_run *run, const std::string &message) const noexcept {
    setError(run, message.c_str());
  }

  // ---- encore.oauth2/1 -------------------------------------------------------------------
  void registerOAuth2(const encore_oauth2_provider &provider) const {
    const int32_t rc = need(oauth2_, ENCORE_OAUTH2_SERVICE_V1)->register_provider(host_, &provider);
    if (rc != ENCORE_OK) throw Error(rc, "the host refused the OAuth2 provider");
  }
  int32_t oauth2State() const { return need(oauth2_, ENCORE_OAUTH2_SERVICE_V1)->state(host_); }

  // ---- encore.import/1 -------------------------------------------------------------------
  std::string importFileName(encore_run *run) const {
    const char *name = need(import_, ENCORE_IMPORT_SERVICE_V1)->file_name(run);
    return name != nullptr ? name : "";
  }
  int64_t importFileSize(encore_run *run) const {
    return need(import_, ENCORE_IMPORT_SERVICE_V1)->file_size(run);
  }
  /// Reads up to `capacity` bytes; 0 at the end of the file. A failed read (cancelled, a
  /// damaged archive) throws Error with the host's code.
  size_t importRead(encore_run *run, char *buffer, size_t capacity) const {
    size_t got = 0;
    const int32_t rc = need(import_, ENCORE_IMPORT_SERVICE_V1)
                           ->read(run, reinterpret_cast<uint8_t *>(buffer), capacity, &got);
    if (rc != ENCORE_OK) throw Error(rc, "the file could not be read on");
    return got;
  }
  void importProgress(encore_run *run, int64_t processed, int64_t total) const {
    need(import_, ENCORE_IMPORT_SERVICE_V1)->progress(run, processed, total);
  }
  void importSkip(encore_run *run, const char *reason) const {
    need(import_, ENCORE_IMPORT_SERVICE_V1)->skip(run, reason);
  }
  int64_t importResumeFrom(encore_run *run) const {
    return need(import_, ENCORE_IMPORT_SERVICE_V1)->resume_from(run);
  }

  // ---- encore.sink/1 ---------------------------------------------------------------------
  std::string_view sinkDocument(encore_run *run) const {
    size_t len = 0;
    const char *doc = need(sink_, ENCORE_SINK_SERVICE_V1)->document(run, &len);
    return doc != nullptr ? std::string_view(doc, len) : std::string_view();
  }
  void setSinkResult(encore_run *run, std::string_view json) const {
    const int32_t rc =
        need(sink_, ENCORE_SINK_SERVICE_V1)->set_result(run, json.data(), json.size());
    if (rc != ENCORE_OK) throw Error(rc, "the host did not take the push result");
  }

 private:
  template <typename Table>
  const Table *lookup(const char *id) const {
    return host_ != nullptr ? static_cast<const Table *>(host_->get_service(host_, id)) : nullptr;
  }
  template <typename Table>
  static const Table *need(const Table *table, const char *id) {
    if (table == nullptr)
      throw Error(ENCORE_E_UNSUPPORTED, std::string("the host offers no ") + id);
    return table;
  }

  const encore_host *host_ = nullptr;
  const encore_log_v1 *log_ = nullptr;
  const encore_time_v1 *time_ = nullptr;
  const encore_config_v1 *config_ = nullptr;
  const encore_settings_v1 *settings_ = nullptr;
  const encore_kv_v1 *kv_ = nullptr;
  const encore_http_v1 *http_ = nullptr;
  const encore_records_v1 *records_ = nullptr;
  const encore_run_v1 *run_ = nullptr;
  const encore_oauth2_v1 *oauth2_ = nullptr;
  const encore_import_v1 *import_ = nullptr;
  const encore_sink_v1 *sink_ = nullptr;
};

}  // namespace encore
