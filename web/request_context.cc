#include "web/request_context.h"

#include <istream>

#include "daemon/http/url.h"
#include "web/api_error.h"

namespace encore {

RequestContext::RequestContext(Poco::Net::HTTPServerRequest &request,
                               Poco::Net::HTTPServerResponse &response)
    : request_(request), response_(response), method_(request.getMethod()) {
  const std::string &uri = request.getURI();
  auto q = uri.find('?');
  path_ = uri.substr(0, q);
  if (q != std::string::npos) rawQuery_ = uri.substr(q + 1);
}

const std::string &RequestContext::param(const std::string &name) const {
  static const std::string kEmpty;
  auto it = params_.find(name);
  return it == params_.end() ? kEmpty : it->second;
}

std::optional<std::string> RequestContext::query(const std::string &name) const {
  size_t pos = 0;
  while (pos <= rawQuery_.size()) {
    size_t end = rawQuery_.find('&', pos);
    if (end == std::string::npos) end = rawQuery_.size();
    std::string pair = rawQuery_.substr(pos, end - pos);
    size_t eq = pair.find('=');
    auto key = urlDecode(pair.substr(0, eq));
    if (key && *key == name) {
      if (eq == std::string::npos) return std::string();
      return urlDecode(pair.substr(eq + 1));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::string RequestContext::body(size_t limit) {
  if (request_.hasContentLength() &&
      request_.getContentLength64() > static_cast<Poco::Int64>(limit)) {
    // Read and drop a moderately oversized body so the client, still sending, gets the
    // error rather than a reset connection; anything larger is not worth reading.
    if (request_.getContentLength64() <= static_cast<Poco::Int64>(kDrainLimit)) {
      std::istream &in = request_.stream();
      char sink[8192];
      while (in.read(sink, sizeof sink) || in.gcount() > 0) {
      }
    }
    response_.setKeepAlive(false);
    throw ApiError(400, "body_too_large",
                   "the request body is over the limit of " + std::to_string(limit) + " bytes");
  }
  std::string out;
  std::istream &in = request_.stream();
  char buffer[8192];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    out.append(buffer, static_cast<size_t>(in.gcount()));
    if (out.size() > limit) {
      response_.setKeepAlive(false);
      throw ApiError(400, "body_too_large",
                     "the request body is over the limit of " + std::to_string(limit) + " bytes");
    }
  }
  return out;
}

nlohmann::json RequestContext::jsonBody(size_t limit) {
  auto text = body(limit);
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded())
    throw ApiError(400, "malformed_json", "the request body is not valid JSON");
  return parsed;
}

void RequestContext::sendJson(int status, const nlohmann::json &body) {
  sendText(status, "application/json", body.dump());
}

void RequestContext::sendText(int status, const std::string &contentType, const std::string &body) {
  response_.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response_.setContentType(contentType);
  response_.setContentLength64(static_cast<Poco::UInt64>(body.size()));
  if (!response_.has("Cache-Control")) response_.set("Cache-Control", "no-store");
  response_.set("X-Content-Type-Options", "nosniff");
  std::ostream &out = response_.send();
  if (method_ != "HEAD") out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

void RequestContext::sendError(int status, const std::string &code, const std::string &message,
                               const nlohmann::json &fields) {
  sendJson(status, errorBody(code, message, fields));
}

void RequestContext::redirect(const std::string &location) {
  response_.set("Location", location);
  sendText(302, "text/plain; charset=utf-8", "Redirecting to " + location + "\n");
}

}  // namespace encore
