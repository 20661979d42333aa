// A real HTTP server on 127.0.0.1 and an ephemeral port, for fake upstreams (Spotify,
// Last.fm, image hosts...). It records every request so tests can assert what was sent,
// and when.
#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace encore::test {

struct RecordedRequest {
  std::string method;
  std::string uri;  // path and query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int64_t atMs = 0;    // system clock
  std::string client;  // the peer's "address:port": one per connection

  std::string path() const { return uri.substr(0, uri.find('?')); }
  std::string header(const std::string &name) const;
};

class FakeServer {
 public:
  /// Answers a request; `request.body` is already read.
  using Handler =
      std::function<void(const RecordedRequest &request, Poco::Net::HTTPServerResponse &response)>;

  explicit FakeServer(Handler handler);
  ~FakeServer();
  FakeServer(const FakeServer &) = delete;
  FakeServer &operator=(const FakeServer &) = delete;

  uint16_t port() const { return port_; }
  /// "http://127.0.0.1:<port>"
  std::string url() const;

  size_t requestCount() const;
  std::vector<RecordedRequest> requests() const;
  void clearRequests();

  /// Replaces the handler (e.g. to inject a fault mid-test).
  void setHandler(Handler handler);

  /// Helpers for handlers.
  static void reply(Poco::Net::HTTPServerResponse &response, int status,
                    const std::string &contentType, const std::string &body);

 private:
  class Factory;
  void handle(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response);

  mutable std::mutex mutex_;
  Handler handler_;
  std::vector<RecordedRequest> requests_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  uint16_t port_ = 0;
};

}  // namespace encore::test
