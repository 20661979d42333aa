// The proxy from the environment: http_proxy / https_proxy / no_proxy (either case), as
// curl and most tools read them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace encore {

struct ProxyServer {
  std::string host;
  uint16_t port = 0;
  std::string username;
  std::string password;
};

class ProxyConfig {
 public:
  using EnvLookup = std::function<std::optional<std::string>(const std::string &)>;
  explicit ProxyConfig(const EnvLookup &env);

  /// The proxy for a request to (scheme, host), or nullopt to connect directly. Loopback
  /// hosts and hosts matching no_proxy (exact, or as a domain suffix, or "*") go direct.
  std::optional<ProxyServer> forTarget(const std::string &scheme, const std::string &host) const;

 private:
  std::optional<ProxyServer> http_;
  std::optional<ProxyServer> https_;
  std::string noProxy_;
};

}  // namespace encore
