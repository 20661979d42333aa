// Requests and responses of the outgoing HTTP client.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace encore {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  int64_t timeoutMs = 0;  // 0: the client's read timeout
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;
  std::string body;

  /// The first header of that name (case-insensitive), or "".
  std::string header(const std::string &name) const;
};

/// A request that produced no HTTP response.
class HttpError : public std::runtime_error {
 public:
  enum class Kind { InvalidUrl, Network, Timeout, TooLarge, Cancelled, Tls };
  HttpError(Kind kind, const std::string &message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace encore
