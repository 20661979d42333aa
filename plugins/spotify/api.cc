#include "api.h"

#include <algorithm>

namespace spotify {
namespace {

/// The "message" of Spotify's {"error": {"status", "message"}} (or the OAuth style).
std::string errorMessage(const std::string &body) {
  auto json = Json::parse(body, nullptr, false);
  if (json.is_object()) {
    auto it = json.find("error");
    if (it != json.end() && it->is_object()) {
      auto m = it->find("message");
      if (m != it->end() && m->is_string()) return truncateUtf8(m->get<std::string>(), 200);
    }
    if (it != json.end() && it->is_string()) return truncateUtf8(it->get<std::string>(), 200);
  }
  return {};
}

}  // namespace

Api::Response Api::get(const std::string &pathAndQuery, std::initializer_list<int> tolerated) {
  return exchange("GET", pathAndQuery, {}, tolerated);
}

Api::Response Api::send(const std::string &method, const std::string &pathAndQuery,
                        const Json &body, std::initializer_list<int> tolerated) {
  return exchange(method, pathAndQuery, body.dump(-1, ' ', false, Json::error_handler_t::replace),
                  tolerated);
}

Api::Response Api::exchange(const std::string &method, const std::string &pathAndQuery,
                            const std::string &body, std::initializer_list<int> tolerated) {
  last_ = method + " /v1" + pathAndQuery;
  HttpReply reply = host_.send(run_, method, base_ + "/v1" + pathAndQuery, body, true);
  const int status = reply.status;
  const bool ok = status >= 200 && status < 300;
  if (!ok && std::find(tolerated.begin(), tolerated.end(), status) == tolerated.end()) {
    std::string detail = errorMessage(reply.body);
    std::string what =
        last_ + " answered " + std::to_string(status) + (detail.empty() ? "" : " (" + detail + ")");
    if (status == 429) {
      // The host has already paused every request to Spotify until Retry-After.
      throw RunError(ENCORE_E_RATE_LIMITED,
                     what + "; Retry-After " +
                         (reply.retryAfter.empty() ? "absent" : reply.retryAfter + " s"));
    }
    if (status >= 500) throw RunError(ENCORE_E_NETWORK, what);
    throw RunError(ENCORE_E_FAILED, what);
  }
  Response response;
  response.status = status;
  if (!reply.body.empty()) {
    response.body = parseLean(reply.body);
    if (response.body.is_discarded()) {
      throw RunError(ENCORE_E_FAILED,
                     last_ + " answered " + std::to_string(status) + " with malformed JSON (" +
                         std::to_string(reply.body.size()) + " bytes); nothing of it was stored");
    }
  }
  return response;
}

}  // namespace spotify
