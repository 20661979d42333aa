// Routes "METHOD /path/{param}/..." to handlers. Unknown paths answer 404, known paths
// with another method 405 (with Allow), and every failure is a JSON error.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "web/request_context.h"

namespace encore {

class Router {
 public:
  using Handler = std::function<void(RequestContext &)>;

  /// `pattern` is an absolute path whose segments may be `{name}` (one segment).
  void add(const std::string &method, const std::string &pattern, Handler handler);

  /// Finds and runs the handler, turning exceptions into JSON errors. Tells `ctx` the
  /// pattern of the route its path matched (for metrics), if any.
  void dispatch(RequestContext &ctx) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static std::vector<std::string> split(const std::string &path);
  static bool match(const Route &route, const std::vector<std::string> &segments,
                    std::map<std::string, std::string> &params);

  std::vector<Route> routes_;
};

}  // namespace encore
