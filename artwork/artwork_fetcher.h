// Downloads source images through the host's HTTP service as the owner "artwork", so the
// same per-host budgets, Retry-After pauses and circuit breakers apply as to plugins.
// Follows up to three redirects itself (each hop through the service) and says, for a
// failure, whether the image itself is bad or the attempt merely failed.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>

#include "artwork/artwork_table.h"
#include "daemon/core/cancel_token.h"
#include "daemon/core/clock.h"
#include "daemon/http/http_service.h"

namespace encore {

struct FetchResult {
  bool ok = false;
  bool cancelled = false;  // shutdown: not a failure of the image
  std::string body;
  std::string contentType;
  ArtworkFailure failure;  // when !ok && !cancelled
};

class ArtworkFetcher {
 public:
  static constexpr const char *kOwner = "artwork";
  static constexpr int kMaxRedirects = 3;

  ArtworkFetcher(HttpService &http, Clock &clock) : http_(http), clock_(clock) {}

  /// The transport options for the HttpService the cache is given: a cover is tens of
  /// kilobytes, so 10 MiB is generous, and a stalled image host gets 20 s.
  static HttpClient::Options transportOptions() {
    HttpClient::Options options;
    options.maxResponseBytes = 10u << 20;
    options.readTimeoutMs = 20'000;
    return options;
  }

  /// `attempts`: earlier failures of this URL, for the backoff.
  FetchResult fetch(const std::string &url, int64_t attempts, const CancelToken *token);

  /// Every image host gets this budget (requests per rolling minute), now and when first
  /// seen.
  void setRequestsPerMinute(uint32_t perMinute);

 private:
  void ensureBudget(const std::string &hostKey);
  int64_t blockedUntil(const std::string &hostKey) const;

  HttpService &http_;
  Clock &clock_;
  std::mutex mutex_;
  uint32_t perMinute_ = 600;
  std::set<std::string> budgetedHosts_;
};

}  // namespace encore
