#include "support/http_call.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>
#include <strings.h>

#include <sstream>

namespace encore::test {

std::string HttpResult::header(const std::string &name) const {
  for (const auto &[k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return {};
}

nlohmann::json HttpResult::json() const {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded())
      << "not JSON (status " << status << "): " << body.substr(0, 300);
  return parsed.is_discarded() ? nlohmann::json() : parsed;
}

HttpResult httpCall(const std::string &method, const std::string &url, const std::string &body,
                    const std::vector<std::pair<std::string, std::string>> &headers) {
  Poco::URI uri(url);
  Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto &[k, v] : headers) request.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream &in = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  for (const auto &[k, v] : response) result.headers.emplace_back(k, v);
  std::stringstream content;
  content << in.rdbuf();
  result.body = content.str();
  return result;
}

}  // namespace encore::test
