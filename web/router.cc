#include "web/router.h"

#include <Poco/Logger.h>

#include "daemon/http/url.h"
#include "web/api_error.h"

namespace encore {

std::vector<std::string> Router::split(const std::string &path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

void Router::add(const std::string &method, const std::string &pattern, Handler handler) {
  routes_.push_back({method, pattern, split(pattern), std::move(handler)});
}

bool Router::match(const Route &route, const std::vector<std::string> &segments,
                   std::map<std::string, std::string> &params) {
  if (route.segments.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto &want = route.segments[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      auto decoded = urlDecode(segments[i]);
      if (!decoded || decoded->empty()) return false;
      found[want.substr(1, want.size() - 2)] = *decoded;
    } else if (want != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

void Router::dispatch(RequestContext &ctx) const {
  try {
    const std::string &path = ctx.path();
    if (path.empty() || path.front() != '/') {
      throw ApiError(400, "bad_request", "the request target must be an absolute path");
    }
    auto segments = split(path);
    std::string allowed;
    for (const auto &route : routes_) {
      std::map<std::string, std::string> params;
      if (!match(route, segments, params)) continue;
      ctx.setRoute(route.pattern);
      const bool head = ctx.method() == "HEAD" && route.method == "GET";
      if (route.method != ctx.method() && !head) {
        if (allowed.find(route.method) == std::string::npos) {
          allowed += (allowed.empty() ? "" : ", ") + route.method;
        }
        continue;
      }
      ctx.setParams(std::move(params));
      route.handler(ctx);
      return;
    }
    if (!allowed.empty()) {
      ctx.response().set("Allow", allowed);
      throw ApiError(405, "method_not_allowed",
                     ctx.method() + " is not allowed here; use " + allowed);
    }
    throw ApiError(404, "not_found", "no such resource: " + path.substr(0, 200));
  } catch (const ApiError &e) {
    if (!ctx.sent()) ctx.sendJson(e.status(), e.body());
  } catch (const std::exception &e) {
    Poco::Logger::get("web").error("%s %s failed: %s", ctx.method(), ctx.path(),
                                   std::string(e.what()));
    if (!ctx.sent()) ctx.sendError(500, "internal", "the server could not complete the request");
  }
}

}  // namespace encore
