// The outgoing HTTP(S) transport: TLS verified against the system CAs, connect and read
// timeouts, a response size cap, keep-alive connections reused per host, the proxy from
// the environment, and cancellation that aborts a blocked socket. It knows nothing of
// budgets or breakers; HttpService puts those in front of it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>

#include "daemon/core/cancel_token.h"
#include "daemon/http/http_types.h"
#include "daemon/http/proxy_config.h"
#include "daemon/http/url.h"

namespace encore {

class HttpClient {
 public:
  struct Options {
    int64_t connectTimeoutMs = 10'000;
    int64_t readTimeoutMs = 30'000;
    size_t maxResponseBytes = 32u << 20;
    std::string userAgent = "Encore/0.1 (+self-hosted music library daemon)";
    size_t maxIdlePerHost = 4;
  };

  HttpClient(Options options, ProxyConfig proxy);
  ~HttpClient();

  /// Sends the request and reads the whole response. Throws HttpError when no response
  /// came (bad URL, network, timeout, TLS, too large, cancelled).
  HttpResponse send(const HttpRequest &request, const CancelToken *token);

  const Options &options() const { return options_; }

 private:
  using SessionPtr = std::unique_ptr<Poco::Net::HTTPClientSession>;
  SessionPtr checkout(const ParsedUrl &url);
  void checkin(const std::string &hostKey, SessionPtr session);
  HttpResponse exchange(Poco::Net::HTTPClientSession &session, const ParsedUrl &url,
                        const HttpRequest &request);

  Options options_;
  ProxyConfig proxy_;
  Poco::Net::Context::Ptr tls_;
  std::mutex poolMutex_;
  std::map<std::string, std::vector<SessionPtr>> idle_;
};

}  // namespace encore
