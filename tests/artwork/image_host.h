// A fake image host on loopback: serves what a test put at each path (any status, type
// and body) and counts the requests per path.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "support/fake_server.h"

namespace encore::test {

class ImageHost {
 public:
  struct Reply {
    int status = 200;
    std::string contentType = "image/jpeg";
    std::string body;
    std::string location;    // for redirects
    std::string retryAfter;  // for 429
    int delayMs = 0;         // wait before answering
  };

  ImageHost();

  /// Serves `body` at `path` ("/album/0.jpg").
  void put(const std::string &path, std::string body, std::string contentType = "image/jpeg");
  void putReply(const std::string &path, Reply reply);
  /// Requests seen for `path`.
  int hits(const std::string &path) const;
  std::string url() const { return server_.url(); }
  std::string url(const std::string &path) const { return server_.url() + path; }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Reply> replies_;
  std::map<std::string, int> hits_;
  FakeServer server_;
};

}  // namespace encore::test
