#include "daemon/http/http_client.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Timespan.h>
#include <strings.h>

#include <istream>

namespace encore {

std::string HttpResponse::header(const std::string &name) const {
  for (const auto &[k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return {};
}

namespace {

Poco::Timespan millis(int64_t ms) {
  return Poco::Timespan(ms * 1000);
}

bool idempotent(const std::string &method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
         method == "OPTIONS";
}

}  // namespace

HttpClient::HttpClient(Options options, ProxyConfig proxy)
    : options_(std::move(options)), proxy_(std::move(proxy)) {
  // VERIFY_RELAXED on a client verifies the server's chain against the system CAs (and
  // Poco checks the host name); an unverifiable server is refused.
  tls_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                Poco::Net::Context::VERIFY_RELAXED, 9, true,
                                "ALL:!ADH:!LOW:!EXP:!MD5:!RC4:@STRENGTH");
}

HttpClient::~HttpClient() = default;

HttpClient::SessionPtr HttpClient::checkout(const ParsedUrl &url) {
  {
    std::lock_guard<std::mutex> lock(poolMutex_);
    auto &idle = idle_[url.hostKey()];
    if (!idle.empty()) {
      SessionPtr s = std::move(idle.back());
      idle.pop_back();
      return s;
    }
  }
  SessionPtr session;
  if (url.scheme == "https") {
    session = std::make_unique<Poco::Net::HTTPSClientSession>(url.host, url.port, tls_);
  } else {
    session = std::make_unique<Poco::Net::HTTPClientSession>(url.host, url.port);
  }
  if (auto proxy = proxy_.forTarget(url.scheme, url.host)) {
    Poco::Net::HTTPClientSession::ProxyConfig config;
    config.host = proxy->host;
    config.port = proxy->port;
    config.username = proxy->username;
    config.password = proxy->password;
    session->setProxyConfig(config);
  }
  session->setKeepAlive(true);
  session->setKeepAliveTimeout(Poco::Timespan(30, 0));
  return session;
}

void HttpClient::checkin(const std::string &hostKey, SessionPtr session) {
  std::lock_guard<std::mutex> lock(poolMutex_);
  auto &idle = idle_[hostKey];
  if (idle.size() < options_.maxIdlePerHost) idle.push_back(std::move(session));
}

HttpResponse HttpClient::exchange(Poco::Net::HTTPClientSession &session, const ParsedUrl &url,
                                  const HttpRequest &request) {
  const int64_t readTimeout = request.timeoutMs > 0 ? request.timeoutMs : options_.readTimeoutMs;
  session.setTimeout(millis(options_.connectTimeoutMs), millis(readTimeout), millis(readTimeout));

  Poco::Net::HTTPRequest req(request.method, url.pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
  req.set("User-Agent", options_.userAgent);
  req.set("Accept-Encoding", "identity");
  for (const auto &[name, value] : request.headers) req.set(name, value);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    req.setContentLength(static_cast<std::streamsize>(request.body.size()));
  }
  std::ostream &out = session.sendRequest(req);
  // The headers went out in their own segment; without TCP_NODELAY the body would wait for
  // their acknowledgement, which a peer may delay by 40 ms.
  session.socket().setNoDelay(true);
  out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));

  Poco::Net::HTTPResponse res;
  std::istream &in = session.receiveResponse(res);
  if (res.hasContentLength() &&
      res.getContentLength64() > static_cast<Poco::Int64>(options_.maxResponseBytes)) {
    throw HttpError(HttpError::Kind::TooLarge,
                    "response of " + std::to_string(res.getContentLength64()) +
                        " bytes is over the limit of " + std::to_string(options_.maxResponseBytes));
  }
  HttpResponse response;
  response.status = static_cast<int>(res.getStatus());
  for (const auto &[name, value] : res) response.headers.emplace_back(name, value);
  char buffer[16384];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    response.body.append(buffer, static_cast<size_t>(in.gcount()));
    if (response.body.size() > options_.maxResponseBytes) {
      throw HttpError(
          HttpError::Kind::TooLarge,
          "response is over the limit of " + std::to_string(options_.maxResponseBytes) + " bytes");
    }
  }
  if (in.bad()) throw HttpError(HttpError::Kind::Network, "connection lost while reading");
  return response;
}

HttpResponse HttpClient::send(const HttpRequest &request, const CancelToken *token) {
  auto url = parseUrl(request.url);
  if (!url) throw HttpError(HttpError::Kind::InvalidUrl, "not an http(s) URL: " + request.url);
  if (token != nullptr && token->cancelled()) {
    throw HttpError(HttpError::Kind::Cancelled, "cancelled");
  }
  // A pooled connection may have been closed by the server since; an idempotent request
  // gets one retry on a fresh connection.
  for (int attempt = 0;; ++attempt) {
    SessionPtr session = checkout(*url);
    const bool reused = session->connected();
    Poco::Net::HTTPClientSession *raw = session.get();
    // Cancellation aborts the socket so a shutdown never waits for a read timeout. The
    // callback is removed (under the token's lock) before the session can go away.
    uint64_t callbackId = 0;
    if (token != nullptr) callbackId = token->onCancel([raw] { raw->abort(); });
    auto done = [&] {
      if (token != nullptr && callbackId != 0) token->removeCallback(callbackId);
    };
    try {
      HttpResponse response = exchange(*session, *url, request);
      done();
      bool keepAlive = strcasecmp(response.header("Connection").c_str(), "close") != 0;
      if (keepAlive) checkin(url->hostKey(), std::move(session));
      return response;
    } catch (const HttpError &) {
      done();
      throw;
    } catch (const Poco::TimeoutException &e) {
      done();
      throw HttpError(HttpError::Kind::Timeout, "timed out talking to " + url->host);
    } catch (const Poco::Net::SSLException &e) {
      done();
      throw HttpError(HttpError::Kind::Tls, "TLS error with " + url->host + ": " + e.displayText());
    } catch (const Poco::Exception &e) {
      done();
      if (token != nullptr && token->cancelled()) {
        throw HttpError(HttpError::Kind::Cancelled, "cancelled");
      }
      if (reused && attempt == 0 && idempotent(request.method)) continue;
      throw HttpError(HttpError::Kind::Network, url->host + ": " + e.displayText());
    } catch (const std::exception &e) {
      done();
      throw HttpError(HttpError::Kind::Network, url->host + ": " + e.what());
    }
  }
}

}  // namespace encore
