#include "support/fake_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <strings.h>

#include <chrono>
#include <sstream>

namespace encore::test {

std::string RecordedRequest::header(const std::string &name) const {
  for (const auto &[k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return {};
}

class FakeServer::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(FakeServer &server) : server_(server) {}
  Poco::Net::HTTPRequestHandler *createRequestHandler(
      const Poco::Net::HTTPServerRequest &) override {
    struct Handler : Poco::Net::HTTPRequestHandler {
      explicit Handler(FakeServer &s) : server(s) {}
      void handleRequest(Poco::Net::HTTPServerRequest &req,
                         Poco::Net::HTTPServerResponse &res) override {
        server.handle(req, res);
      }
      FakeServer &server;
    };
    return new Handler(server_);
  }

 private:
  FakeServer &server_;
};

FakeServer::FakeServer(Handler handler) : handler_(std::move(handler)) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  // Accepted connections inherit it: the headers and the body of an answer go out as
  // separate writes, and Nagle's algorithm would hold the body's last segment until the
  // client's delayed ACK (~40 ms per answer).
  socket.setNoDelay(true);
  port_ = socket.address().port();
  auto *params = new Poco::Net::HTTPServerParams;
  params->setKeepAlive(true);
  params->setMaxThreads(8);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket, params);
  server_->start();
}

FakeServer::~FakeServer() {
  server_->stopAll(true);
}

std::string FakeServer::url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

size_t FakeServer::requestCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

std::vector<RecordedRequest> FakeServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void FakeServer::clearRequests() {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.clear();
}

void FakeServer::setHandler(Handler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handler_ = std::move(handler);
}

void FakeServer::reply(Poco::Net::HTTPServerResponse &response, int status,
                       const std::string &contentType, const std::string &body) {
  response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.setContentType(contentType);
  response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
  response.send() << body;
}

void FakeServer::handle(Poco::Net::HTTPServerRequest &req, Poco::Net::HTTPServerResponse &res) {
  RecordedRequest recorded;
  recorded.method = req.getMethod();
  recorded.uri = req.getURI();
  recorded.client = req.clientAddress().toString();
  for (const auto &[k, v] : req) recorded.headers.emplace_back(k, v);
  std::stringstream body;
  body << req.stream().rdbuf();
  recorded.body = body.str();
  recorded.atMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(recorded);
    handler = handler_;
  }
  handler(recorded, res);
}

}  // namespace encore::test
