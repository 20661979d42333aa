#include "web/web_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

#include <chrono>

#include "daemon/metrics/metrics.h"

namespace encore {
namespace {

/// The method as a label: the ones routes use, anything else as "other".
std::string methodLabel(const std::string &method) {
  for (const char *known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return method;
  }
  return "other";
}

/// Counts and times a request by its route pattern (never the raw path: bounded labels).
void observeRequest(const RequestContext &ctx, int status, double seconds) {
  static auto &requests = metrics::registry().counter(
      "encore_http_requests_total",
      "HTTP requests answered, by method, route pattern (\"none\" when no route matched) and "
      "status.",
      {"method", "route", "status"});
  static auto &latency =
      metrics::registry().histogram("encore_http_request_duration_seconds",
                                    "Time to answer an HTTP request, by route pattern.", {"route"});
  const std::string route = ctx.route().empty() ? "none" : ctx.route();
  requests.with({methodLabel(ctx.method()), route, std::to_string(status)}).inc();
  latency.with({route}).observe(seconds);
}

class RoutedHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RoutedHandler(const Router &router) : router_(router) {}
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    const auto started = std::chrono::steady_clock::now();
    RequestContext ctx(request, response);
    router_.dispatch(ctx);
    observeRequest(
        ctx, static_cast<int>(response.getStatus()),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }

 private:
  const Router &router_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(const Router &router) : router_(router) {}
  Poco::Net::HTTPRequestHandler *createRequestHandler(
      const Poco::Net::HTTPServerRequest &) override {
    return new RoutedHandler(router_);
  }

 private:
  const Router &router_;
};

}  // namespace

WebServer::WebServer(const std::string &bindAddress, uint16_t port, const Router &router) {
  Poco::Net::ServerSocket socket;
  // SO_REUSEADDR (restart right after a stop) but not SO_REUSEPORT, which Poco's two-argument
  // bind also sets: a second daemon must fail on a busy port, not share it.
  socket.bind(Poco::Net::SocketAddress(bindAddress, port), true, false);
  socket.listen(128);
  port_ = socket.address().port();

  auto *params = new Poco::Net::HTTPServerParams;
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);  // unlimited per connection
  params->setKeepAliveTimeout(Poco::Timespan(15, 0));
  params->setTimeout(Poco::Timespan(30, 0));
  params->setMaxQueued(256);
  params->setMaxThreads(16);
  params->setServerName("encored");
  // Few threads at rest: a home server mostly idles.
  pool_ = std::make_unique<Poco::ThreadPool>(2, 16, 60, 1024 * 1024);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(router), *pool_, socket, params);
}

WebServer::~WebServer() {
  stop();
}

void WebServer::start() {
  server_->start();
  started_ = true;
}

void WebServer::stop() {
  if (!started_) return;
  started_ = false;
  server_->stopAll(true);
  pool_->joinAll();
}

}  // namespace encore
