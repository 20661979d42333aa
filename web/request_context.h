// One HTTP exchange as route handlers see it: path parameters, query, a size-capped body,
// and helpers that answer JSON, HTML or files.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace encore {

class RequestContext {
 public:
  /// The largest body handlers accept unless they ask for more.
  static constexpr size_t kDefaultBodyLimit = 64 * 1024;
  /// Oversized bodies up to this size are read and dropped before the error is sent.
  static constexpr size_t kDrainLimit = 1024 * 1024;

  RequestContext(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response);

  Poco::Net::HTTPServerRequest &request() { return request_; }
  Poco::Net::HTTPServerResponse &response() { return response_; }
  const std::string &method() const { return method_; }
  const std::string &path() const { return path_; }
  /// The pattern of the route the path matched ("/api/stats/{name}"), "" when none did.
  const std::string &route() const { return route_; }
  void setRoute(const std::string &pattern) { route_ = pattern; }

  /// A `{name}` segment of the route, percent-decoded.
  const std::string &param(const std::string &name) const;
  void setParams(std::map<std::string, std::string> params) { params_ = std::move(params); }
  std::optional<std::string> query(const std::string &name) const;

  /// The whole body; over `limit` bytes -> ApiError 400 "body_too_large" (the rest unread).
  std::string body(size_t limit = kDefaultBodyLimit);
  /// The body parsed as JSON; malformed -> ApiError 400 "malformed_json".
  nlohmann::json jsonBody(size_t limit = kDefaultBodyLimit);

  void sendJson(int status, const nlohmann::json &body);
  void sendText(int status, const std::string &contentType, const std::string &body);
  void sendError(int status, const std::string &code, const std::string &message,
                 const nlohmann::json &fields = nullptr);
  void redirect(const std::string &location);
  bool sent() const { return response_.sent(); }

 private:
  Poco::Net::HTTPServerRequest &request_;
  Poco::Net::HTTPServerResponse &response_;
  std::string method_;
  std::string path_;
  std::string rawQuery_;
  std::string route_;
  std::map<std::string, std::string> params_;
};

}  // namespace encore
