// Plain HTTP calls from tests to the daemon or a fake server.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace encore::test {

struct HttpResult {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string header(const std::string &name) const;
  /// The body as JSON; a test failure (and null) if it is not JSON.
  nlohmann::json json() const;
};

/// Sends one request to `url` (http://host:port/path?query). Never follows redirects.
HttpResult httpCall(const std::string &method, const std::string &url, const std::string &body = "",
                    const std::vector<std::pair<std::string, std::string>> &headers = {});

inline HttpResult httpGet(const std::string &url) {
  return httpCall("GET", url);
}
inline HttpResult httpPutJson(const std::string &url, const nlohmann::json &body) {
  return httpCall("PUT", url, body.dump(), {{"Content-Type", "application/json"}});
}
inline HttpResult httpPostJson(const std::string &url, const nlohmann::json &body) {
  return httpCall("POST", url, body.dump(), {{"Content-Type", "application/json"}});
}

}  // namespace encore::test
