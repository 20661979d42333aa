#include "artwork/artwork_fetcher.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "artwork/retry_policy.h"
#include "daemon/http/url.h"
#include "encore/plugin_api.h"

namespace encore {
namespace {

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/// `location` resolved against `base`, or "" when it is not a usable http(s) URL.
std::string resolveLocation(const std::string &base, const std::string &location) {
  try {
    Poco::URI uri(base);
    uri.resolve(location);
    std::string resolved = uri.toString();
    return parseUrl(resolved) ? resolved : std::string();
  } catch (const Poco::Exception &) {
    return {};
  }
}

}  // namespace

void ArtworkFetcher::setRequestsPerMinute(uint32_t perMinute) {
  std::lock_guard<std::mutex> lock(mutex_);
  perMinute_ = perMinute;
  for (const auto &host : budgetedHosts_) {
    http_.policies().setBudget(kOwner, host, perMinute_, 60'000);
  }
}

void ArtworkFetcher::ensureBudget(const std::string &hostKey) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!budgetedHosts_.insert(hostKey).second) return;
  http_.policies().setBudget(kOwner, hostKey, perMinute_, 60'000);
}

int64_t ArtworkFetcher::blockedUntil(const std::string &hostKey) const {
  int64_t until = 0;
  for (const auto &s : http_.policies().status(kOwner)) {
    if (s.host == hostKey) until = std::max({until, s.pausedUntil, s.breakerOpenUntil});
  }
  return until;
}

FetchResult ArtworkFetcher::fetch(const std::string &url, int64_t attempts,
                                  const CancelToken *token) {
  FetchResult result;
  const int64_t now = clock_.nowMs();
  auto fail = [&](bool permanent, std::string error, int64_t retryAt = 0) {
    result.failure.error = std::move(error);
    result.failure.permanent = permanent;
    result.failure.retryAt = retryAt > 0 ? retryAt : retryAtAfterFailure(now, permanent, attempts);
    return result;
  };

  std::string current = url;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    auto parsed = parseUrl(current);
    if (!parsed) return fail(true, "not an http(s) URL");
    const std::string hostKey = parsed->hostKey();
    ensureBudget(hostKey);

    HttpRequest request;
    request.url = current;
    request.headers = {{"Accept", "image/webp,image/jpeg,image/png,image/gif;q=0.9"}};
    auto outcome = http_.send(kOwner, request, false, token);
    switch (outcome.code) {
      case ENCORE_OK:
        break;
      case ENCORE_E_CANCELLED:
        result.cancelled = true;
        return result;
      case ENCORE_E_RATE_LIMITED:
      case ENCORE_E_CIRCUIT_OPEN: {
        // Nothing was sent: wait for the pause or the breaker, not for a backoff.
        int64_t until = blockedUntil(hostKey);
        return fail(false, "waiting: " + outcome.error, std::max(until, now + 1000));
      }
      case ENCORE_E_TOO_LARGE:
        return fail(true, "the image is too large: " + outcome.error);
      case ENCORE_E_INVALID_ARGUMENT:
        return fail(true, "not a usable URL: " + outcome.error);
      default:
        return fail(false, "download failed: " + outcome.error);
    }

    const HttpResponse &response = *outcome.response;
    const int status = response.status;
    if (isRedirect(status)) {
      std::string next = resolveLocation(current, response.header("Location"));
      if (next.empty())
        return fail(true, "HTTP " + std::to_string(status) + " without a usable Location");
      current = next;
      continue;
    }
    if (status == 429) {
      return fail(false, "waiting: HTTP 429 from " + hostKey,
                  std::max(blockedUntil(hostKey), now + 1000));
    }
    if (status >= 500) return fail(false, "HTTP " + std::to_string(status) + " from " + hostKey);
    if (status < 200 || status >= 300 || status == 204) {
      return fail(true, "HTTP " + std::to_string(status) + " from " + hostKey);
    }
    result.ok = true;
    result.body = std::move(outcome.response->body);
    result.contentType = outcome.response->header("Content-Type");
    return result;
  }
  return fail(true, "more than " + std::to_string(kMaxRedirects) + " redirects");
}

}  // namespace encore
