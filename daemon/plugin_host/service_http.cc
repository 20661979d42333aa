// encore.http/1: plugin requests through the host's HttpService.
#include <strings.h>

#include <algorithm>

#include "daemon/http/url.h"
#include "daemon/plugin_host/host_services.h"

struct encore_http_response {
  encore::HttpResponse response;
};

namespace encore::services {
namespace {

constexpr size_t kMinRequestSize = offsetof(encore_http_request, auth) + sizeof(int32_t);

bool safeHeaderText(const char *text) {
  if (text == nullptr) return false;
  for (const char *p = text; *p != '\0'; ++p) {
    if (*p == '\r' || *p == '\n') return false;
  }
  return true;
}

int32_t fail(encore_run *run, char **errorOut, int32_t code, const std::string &message) {
  if (run != nullptr) run->lastError = message;
  setError(errorOut, message);
  return code;
}

int32_t send(encore_run *run, const encore_http_request *req, encore_http_response **responseOut,
             char **errorOut) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || req == nullptr || responseOut == nullptr) {
      return fail(run, errorOut, ENCORE_E_INVALID_ARGUMENT, "missing argument");
    }
    *responseOut = nullptr;
    if (req->struct_size < kMinRequestSize) {
      return fail(run, errorOut, ENCORE_E_INVALID_ARGUMENT, "request struct is too short");
    }
    static const char *kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"};
    bool knownMethod = false;
    for (const char *m : kMethods) {
      if (req->method != nullptr && std::strcmp(req->method, m) == 0) knownMethod = true;
    }
    if (!knownMethod) return fail(run, errorOut, ENCORE_E_INVALID_ARGUMENT, "unsupported method");
    if (req->url == nullptr || !parseUrl(req->url)) {
      return fail(run, errorOut, ENCORE_E_INVALID_ARGUMENT, "not an http(s) URL");
    }
    HttpRequest request;
    request.method = req->method;
    request.url = req->url;
    request.timeoutMs = req->timeout_ms > 0 ? req->timeout_ms : 0;
    if (req->header_count > 0 && req->headers == nullptr) {
      return fail(run, errorOut, ENCORE_E_INVALID_ARGUMENT, "headers missing");
    }
    for (uint32_t i = 0; i < req->header_count; ++i) {
      const auto &h = req->headers[i];
      if (!safeHeaderText(h.name) || !safeHeaderText(h.value) || *h.name == '\0') {
        return fail(run, errorOut, ENCORE_E_INVALID_ARGUMENT, "invalid header");
      }
      if (strcasecmp(h.name, "Host") == 0 || strcasecmp(h.name, "Content-Length") == 0) continue;
      request.headers.emplace_back(h.name, h.value);
    }
    if (req->body_len > 0) {
      if (req->body == nullptr)
        return fail(run, errorOut, ENCORE_E_INVALID_ARGUMENT, "body missing");
      if (req->body_len > (16u << 20))
        return fail(run, errorOut, ENCORE_E_TOO_LARGE, "body over 16 MiB");
      request.body.assign(reinterpret_cast<const char *>(req->body), req->body_len);
    }
    const bool oauth = req->auth == ENCORE_HTTP_AUTH_OAUTH2;
    auto outcome =
        run->plugin->context->http.send(run->plugin->id, std::move(request), oauth, run->cancel);
    if (outcome.code != ENCORE_OK) return fail(run, errorOut, outcome.code, outcome.error);
    *responseOut = new encore_http_response{std::move(*outcome.response)};
    return ENCORE_OK;
  });
}

int32_t status(const encore_http_response *response) noexcept {
  return response == nullptr ? 0 : response->response.status;
}

const uint8_t *body(const encore_http_response *response, size_t *lenOut) noexcept {
  if (response == nullptr) {
    if (lenOut != nullptr) *lenOut = 0;
    return nullptr;
  }
  if (lenOut != nullptr) *lenOut = response->response.body.size();
  // std::string keeps a NUL after its contents, as the ABI promises.
  return reinterpret_cast<const uint8_t *>(response->response.body.c_str());
}

const char *header(const encore_http_response *response, const char *name) noexcept {
  if (response == nullptr || name == nullptr) return nullptr;
  for (const auto &[k, v] : response->response.headers) {
    if (strcasecmp(k.c_str(), name) == 0) return v.c_str();
  }
  return nullptr;
}

void release(encore_http_response *response) noexcept {
  delete response;
}

int32_t setRateLimit(const encore_host *host, const char *baseUrl, uint32_t maxRequests,
                     int64_t windowMs) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || baseUrl == nullptr || windowMs < 0) return ENCORE_E_INVALID_ARGUMENT;
    auto url = parseUrl(baseUrl);
    if (!url) return ENCORE_E_INVALID_ARGUMENT;
    plugin->context->http.policies().setBudget(plugin->id, url->hostKey(), maxRequests, windowMs);
    return ENCORE_OK;
  });
}

int32_t pauseHost(encore_run *run, const char *url, int64_t ms, const char *reason) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || url == nullptr || ms < 0) return ENCORE_E_INVALID_ARGUMENT;
    auto parsed = parseUrl(url);
    if (!parsed) return ENCORE_E_INVALID_ARGUMENT;
    auto *context = run->plugin->context;
    const int64_t until = context->clock.nowMs() + std::min<int64_t>(ms, 7LL * 86400 * 1000);
    std::string why = reason != nullptr ? std::string(reason, strnlen(reason, 512)) : "";
    if (why.empty()) why = "rate-limited by " + parsed->hostKey();
    context->http.policies().pause(run->plugin->id, parsed->hostKey(), until, why);
    return ENCORE_OK;
  });
}

}  // namespace

const encore_http_v1 *httpV1() {
  static const encore_http_v1 table = {
      sizeof(encore_http_v1), send, status, body, header, release, setRateLimit, pauseHost};
  return &table;
}

}  // namespace encore::services
