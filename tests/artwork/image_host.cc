#include "image_host.h"

#include <chrono>
#include <thread>

namespace encore::test {

ImageHost::ImageHost()
    : server_([this](const RecordedRequest &request, Poco::Net::HTTPServerResponse &response) {
        Reply reply;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          ++hits_[request.path()];
          auto it = replies_.find(request.path());
          if (it == replies_.end()) {
            reply = {404, "text/html", "<!DOCTYPE html><html><body>Not Found</body></html>"};
          } else {
            reply = it->second;
          }
        }
        if (reply.delayMs > 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(reply.delayMs));
        if (!reply.location.empty()) response.set("Location", reply.location);
        if (!reply.retryAfter.empty()) response.set("Retry-After", reply.retryAfter);
        FakeServer::reply(response, reply.status, reply.contentType, reply.body);
      }) {}

void ImageHost::put(const std::string &path, std::string body, std::string contentType) {
  putReply(path, {200, std::move(contentType), std::move(body), "", "", 0});
}

void ImageHost::putReply(const std::string &path, Reply reply) {
  std::lock_guard<std::mutex> lock(mutex_);
  replies_[path] = std::move(reply);
}

int ImageHost::hits(const std::string &path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = hits_.find(path);
  return it == hits_.end() ? 0 : it->second;
}

}  // namespace encore::test
