// The daemon's HTTP server: Poco's HTTPServer on a dedicated thread pool, every request
// through the Router.
#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <cstdint>
#include <memory>
#include <string>

#include "web/router.h"

namespace encore {

class WebServer {
 public:
  /// Binds at once (so a busy port fails start-up); serves after start().
  WebServer(const std::string &bindAddress, uint16_t port, const Router &router);
  ~WebServer();

  void start();
  /// Stops accepting and aborts open connections.
  void stop();
  /// The bound port (the actual one when 0 was asked).
  uint16_t port() const { return port_; }

 private:
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  uint16_t port_ = 0;
  bool started_ = false;
};

}  // namespace encore
