#include "daemon/http/proxy_config.h"

#include <algorithm>
#include <sstream>

#include "daemon/http/url.h"

namespace encore {
namespace {

std::optional<std::string> either(const ProxyConfig::EnvLookup &env, const std::string &lower) {
  if (auto v = env(lower); v && !v->empty()) return v;
  std::string upper = lower;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  if (auto v = env(upper); v && !v->empty()) return v;
  return std::nullopt;
}

std::optional<ProxyServer> parseProxy(const std::string &value) {
  std::string url = value.find("://") == std::string::npos ? "http://" + value : value;
  ProxyServer server;
  // Credentials are cut out before URL parsing, which refuses user info on purpose.
  auto schemeEnd = url.find("://") + 3;
  auto at = url.find('@', schemeEnd);
  auto slash = url.find('/', schemeEnd);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    std::string userInfo = url.substr(schemeEnd, at - schemeEnd);
    auto colon = userInfo.find(':');
    server.username = urlDecode(userInfo.substr(0, colon)).value_or("");
    if (colon != std::string::npos) {
      server.password = urlDecode(userInfo.substr(colon + 1)).value_or("");
    }
    url.erase(schemeEnd, at - schemeEnd + 1);
  }
  auto parsed = parseUrl(url);
  if (!parsed) return std::nullopt;
  server.host = parsed->host;
  server.port = parsed->port;
  return server;
}

bool isLoopback(const std::string &host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

ProxyConfig::ProxyConfig(const EnvLookup &env) {
  if (!env) return;
  if (auto v = either(env, "http_proxy")) http_ = parseProxy(*v);
  if (auto v = either(env, "https_proxy")) https_ = parseProxy(*v);
  if (auto v = either(env, "no_proxy")) noProxy_ = *v;
}

std::optional<ProxyServer> ProxyConfig::forTarget(const std::string &scheme,
                                                  const std::string &host) const {
  const auto &proxy = scheme == "https" ? https_ : http_;
  if (!proxy || isLoopback(host)) return std::nullopt;
  std::stringstream entries(noProxy_);
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    entry.erase(std::remove_if(entry.begin(), entry.end(), ::isspace), entry.end());
    if (entry.empty()) continue;
    if (entry == "*") return std::nullopt;
    if (auto colon = entry.find(':'); colon != std::string::npos) entry.resize(colon);
    if (entry.front() == '.') entry.erase(0, 1);
    std::transform(entry.begin(), entry.end(), entry.begin(), ::tolower);
    if (host == entry) return std::nullopt;
    if (host.size() > entry.size() &&
        host.compare(host.size() - entry.size(), entry.size(), entry) == 0 &&
        host[host.size() - entry.size() - 1] == '.') {
      return std::nullopt;
    }
  }
  return proxy;
}

}  // namespace encore
