#include "lastfm_api.h"

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

std::string urlEncode(const std::string &value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string endpointFrom(const HostApi &host) {
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
    url += name + "=" + urlEncode(value);
    sep = '&';
  }
  return url;
}

ApiResult LastfmApi::call(encore_run *run, Params params, bool sign) const {
  ApiResult result;
  HttpAnswer answer = host_.get(run, url(std::move(params), sign));
  if (answer.code != ENCORE_OK) {
    result.kind = ApiResult::Kind::Transport;
    result.code = answer.code;
    result.message = answer.error;
    return result;
  }
  result.status = answer.status;
  auto body = nlohmann::json::parse(answer.body, nullptr, false);
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
      result.message = body["message"].get<std::string>().substr(0, 300);
    }
    return result;
  }
  if (answer.status != 200 || !body.is_object()) {
    result.kind = ApiResult::Kind::Malformed;
    result.message =
        "HTTP " + std::to_string(answer.status) +
        (body.is_discarded() ? " with a body that is not JSON" : " with an unexpected body");
    return result;
  }
  result.data = std::move(body);
  return result;
}

}  // namespace lastfm
