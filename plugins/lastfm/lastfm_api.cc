#include "lastfm_api.h"

#include "encore/text.hpp"
#include "md5.h"

namespace lastfm {

std::string apiSignature(const Params &params, const std::string &secret) {
  std::string text;
  for (const auto &[name, value] : params) {  // std::map: sorted by name
    if (name == "format" || name == "callback") continue;
    text += name;
    text += value;
  }
  return md5Hex(text + secret);
}

std::string endpointFrom(const encore::Host &host) {
  std::string base = host.config("ENCORE_LASTFM_API_URL").value_or("https://ws.audioscrobbler.com");
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/2.0/";
}

std::string LastfmApi::url(Params params, bool sign) const {
  params["api_key"] = apiKey_;
  params["format"] = "json";
  if (sign) params["api_sig"] = apiSignature(params, secret_);
  std::string url = baseUrl_;
  char sep = '?';
  for (const auto &[name, value] : params) {
    url += sep;
    url += name + "=" + encore::urlEncode(value);
    sep = '&';
  }
  return url;
}

ApiResult LastfmApi::call(encore_run *run, Params params, bool sign) const {
  ApiResult result;
  encore::HttpRequest request;
  request.url = url(std::move(params), sign);
  request.headers = {{"User-Agent", "Encore/" ENCORE_PLUGIN_VERSION " (self-hosted music history)"},
                     {"Accept", "application/json"}};
  encore::HttpResponse answer;
  try {
    answer = host_.send(run, request);
  } catch (const encore::Error &e) {
    result.kind = ApiResult::Kind::Transport;
    result.code = e.code();
    result.message = e.what();
    return result;
  }
  result.status = answer.status();
  auto body = nlohmann::json::parse(answer.body(), nullptr, false);
  // Errors come as {"error": n, "message": "..."}, whatever the HTTP status says.
  if (body.is_object() && body.contains("error")) {
    const auto &e = body["error"];
    result.kind = ApiResult::Kind::LastfmError;
    if (e.is_number_integer()) {
      result.error = e.get<int>();
    } else if (e.is_string()) {
      result.error = std::atoi(e.get<std::string>().c_str());
    }
    if (body.contains("message") && body["message"].is_string()) {
      result.message = encore::truncateUtf8(body["message"].get_ref<const std::string &>(), 300);
    }
    return result;
  }
  if (result.status != 200 || !body.is_object()) {
    result.kind = ApiResult::Kind::Malformed;
    result.message =
        "HTTP " + std::to_string(result.status) +
        (body.is_discarded() ? " with a body that is not JSON" : " with an unexpected body");
    return result;
  }
  result.data = std::move(body);
  return result;
}

}  // namespace lastfm
