#include "daemon/http/http_service.h"

#include <Poco/Logger.h>

#include "daemon/core/time_format.h"
#include "daemon/http/retry_after.h"
#include "daemon/http/url.h"
#include "daemon/metrics/metrics.h"
#include "encore/plugin_api.h"

namespace encore {
namespace {

/// Counts a request that reached the transport: by host and HTTP status, or by the error
/// that left it without an answer.
void countUpstreamRequest(const std::string &hostKey, const std::string &status) {
  static auto &requests = metrics::registry().counter(
      "encore_upstream_requests_total",
      "Requests sent to upstream hosts, by host and HTTP status (or network_error, timeout, "
      "tls_error, too_large, cancelled).",
      {"host", "status"});
  requests.with({hostKey, status}).inc();
}

/// The status label of a request that got no answer; nullptr when it was never sent.
const char *errorStatus(HttpError::Kind kind) {
  switch (kind) {
    case HttpError::Kind::Network:
      return "network_error";
    case HttpError::Kind::Timeout:
      return "timeout";
    case HttpError::Kind::Tls:
      return "tls_error";
    case HttpError::Kind::TooLarge:
      return "too_large";
    case HttpError::Kind::Cancelled:
      return "cancelled";
    case HttpError::Kind::InvalidUrl:
      break;
  }
  return nullptr;  // never sent
}

}  // namespace

std::string redactUrl(const std::string &url) {
  auto cut = url.find_first_of("?#");
  return cut == std::string::npos ? url : url.substr(0, cut) + "?…";
}

HttpService::HttpService(HttpClient &client, HostPolicies &policies, Clock &clock)
    : client_(client), policies_(policies), clock_(clock) {}

HttpOutcome HttpService::send(const std::string &owner, HttpRequest request, bool oauth,
                              const CancelToken *token) {
  auto url = parseUrl(request.url);
  if (!url) return {ENCORE_E_INVALID_ARGUMENT, std::nullopt, "not an http(s) URL"};
  const std::string hostKey = url->hostKey();

  if (!oauth) return sendOnce(owner, request, hostKey, token);
  if (tokens_ == nullptr) {
    return {ENCORE_E_NOT_CONNECTED, std::nullopt, "no account is connected"};
  }
  std::string rejected;
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto bearer = tokens_->accessToken(owner, rejected, token);
    if (bearer.code != ENCORE_OK) return {bearer.code, std::nullopt, bearer.error};
    HttpRequest authorized = request;
    authorized.headers.emplace_back("Authorization", "Bearer " + bearer.accessToken);
    auto outcome = sendOnce(owner, authorized, hostKey, token);
    if (outcome.code != ENCORE_OK || outcome.response->status != 401 || attempt > 0) {
      return outcome;
    }
    rejected = bearer.accessToken;
    Poco::Logger::get("http").information("%s: 401 from %s, refreshing the access token once",
                                          owner, hostKey);
  }
  return {ENCORE_E_INTERNAL, std::nullopt, "unreachable"};
}

HttpOutcome HttpService::sendOnce(const std::string &owner, const HttpRequest &request,
                                  const std::string &hostKey, const CancelToken *token) {
  auto admission = policies_.admit(owner, hostKey, token);
  switch (admission.verdict) {
    case HostPolicies::Verdict::Go:
      break;
    case HostPolicies::Verdict::Paused:
      return {ENCORE_E_RATE_LIMITED, std::nullopt, admission.reason};
    case HostPolicies::Verdict::BreakerOpen:
      return {ENCORE_E_CIRCUIT_OPEN, std::nullopt, admission.reason};
    case HostPolicies::Verdict::Cancelled:
      return {ENCORE_E_CANCELLED, std::nullopt, "cancelled"};
  }

  auto &log = Poco::Logger::get("http");
  HttpResponse response;
  try {
    response = client_.send(request, token);
  } catch (const HttpError &e) {
    if (const char *status = errorStatus(e.kind())) countUpstreamRequest(hostKey, status);
    switch (e.kind()) {
      case HttpError::Kind::Cancelled:
        policies_.report(owner, hostKey, HostPolicies::Outcome::Abandoned);
        return {ENCORE_E_CANCELLED, std::nullopt, "cancelled"};
      case HttpError::Kind::TooLarge:
        policies_.report(owner, hostKey, HostPolicies::Outcome::Neutral);
        return {ENCORE_E_TOO_LARGE, std::nullopt, e.what()};
      case HttpError::Kind::InvalidUrl:
        policies_.report(owner, hostKey, HostPolicies::Outcome::Abandoned);
        return {ENCORE_E_INVALID_ARGUMENT, std::nullopt, e.what()};
      case HttpError::Kind::Network:
      case HttpError::Kind::Timeout:
      case HttpError::Kind::Tls:
        policies_.report(owner, hostKey, HostPolicies::Outcome::Failure);
        log.warning("%s: %s %s failed: %s", owner, request.method, redactUrl(request.url),
                    std::string(e.what()));
        return {ENCORE_E_NETWORK, std::nullopt, e.what()};
    }
  }

  countUpstreamRequest(hostKey, std::to_string(response.status));
  if (response.status == 429) {
    const int64_t now = clock_.nowMs();
    auto wait = parseRetryAfter(response.header("Retry-After"), now);
    int64_t until = now + wait.value_or(kDefaultRetryAfterMs);
    std::string reason = "HTTP 429 from " + hostKey;
    policies_.pause(owner, hostKey, until, reason);
    policies_.report(owner, hostKey, HostPolicies::Outcome::Neutral);
    log.warning("%s: %s is rate-limiting; no request goes there until %s", owner, hostKey,
                formatIsoUtc(until));
  } else if (response.status >= 500) {
    policies_.report(owner, hostKey, HostPolicies::Outcome::Failure);
    log.warning("%s: %s %s answered %d", owner, request.method, redactUrl(request.url),
                response.status);
  } else {
    policies_.report(owner, hostKey, HostPolicies::Outcome::Success);
  }
  return {ENCORE_OK, std::move(response), {}};
}

}  // namespace encore
