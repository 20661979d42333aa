#include "api.h"

#include <algorithm>

#include "encore/text.hpp"

namespace spotify {
namespace {

/// The "message" of Spotify's {"error": {"status", "message"}} (or the OAuth style).
std::string errorMessage(std::string_view body) {
  auto json = Json::parse(body, nullptr, false);
  if (json.is_object()) {
    auto it = json.find("error");
    if (it != json.end() && it->is_object()) {
      auto m = it->find("message");
      if (m != it->end() && m->is_string())
        return std::string(encore::truncateUtf8(m->get_ref<const std::string &>(), 200));
    }
    if (it != json.end() && it->is_string())
      return std::string(encore::truncateUtf8(it->get_ref<const std::string &>(), 200));
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
  encore::HttpRequest request;
  request.method = method.c_str();
  request.url = base_ + "/v1" + pathAndQuery;
  request.headers = {{"Accept", "application/json"}};
  if (!body.empty()) request.headers.push_back({"Content-Type", "application/json"});
  request.body = body;
  request.oauth = true;
  encore::HttpResponse reply;
  try {
    reply = host_.send(run_, request);
  } catch (const encore::Error &e) {
    throw encore::Error(e.code(), last_ + ": " + e.what());
  }
  const int status = reply.status();
  const bool ok = status >= 200 && status < 300;
  if (!ok && std::find(tolerated.begin(), tolerated.end(), status) == tolerated.end()) {
    std::string detail = errorMessage(reply.body());
    std::string what =
        last_ + " answered " + std::to_string(status) + (detail.empty() ? "" : " (" + detail + ")");
    if (status == 429) {
      // The host has already paused every request to Spotify until Retry-After.
      const auto retryAfter = reply.header("Retry-After");
      throw encore::Error(
          ENCORE_E_RATE_LIMITED,
          what + "; Retry-After " + (retryAfter ? std::string(*retryAfter) + " s" : "absent"));
    }
    if (status >= 500) throw encore::Error(ENCORE_E_NETWORK, what);
    throw encore::Error(ENCORE_E_FAILED, what);
  }
  Response response;
  response.status = status;
  const std::string_view text = reply.body();
  if (!text.empty()) {
    response.body = parseLean(text);
    if (response.body.is_discarded()) {
      throw encore::Error(ENCORE_E_FAILED,
                          last_ + " answered " + std::to_string(status) + " with malformed JSON (" +
                              std::to_string(text.size()) + " bytes); nothing of it was stored");
    }
  }
  return response;
}

}  // namespace spotify
