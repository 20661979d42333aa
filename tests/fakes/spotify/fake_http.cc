#include "fake_http.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/SHA2Engine.h>
#include <Poco/URI.h>

#include <sstream>

namespace encore::fake {

std::map<std::string, std::string> parseForm(const std::string &text) {
  std::map<std::string, std::string> out;
  std::stringstream in(text);
  std::string pair;
  while (std::getline(in, pair, '&')) {
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string key = pair.substr(0, eq),
                value = eq == std::string::npos ? "" : pair.substr(eq + 1);
    for (auto *s : {&key, &value}) {
      for (char &c : *s) {
        if (c == '+') c = ' ';
      }
      std::string decoded;
      try {
        Poco::URI::decode(*s, decoded);
      } catch (const Poco::Exception &) {
        decoded = *s;
      }
      *s = decoded;
    }
    out[key] = value;
  }
  return out;
}

std::map<std::string, std::string> parseQuery(const std::string &target) {
  auto q = target.find('?');
  return q == std::string::npos ? std::map<std::string, std::string>()
                                : parseForm(target.substr(q + 1));
}

long long intParam(const std::map<std::string, std::string> &params, const std::string &key,
                   long long fallback) {
  auto it = params.find(key);
  if (it == params.end()) return fallback;
  if (it->second.empty() || it->second.size() > 15) return -1;
  long long value = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string s256(const std::string &text) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(text);
  const auto &digest = sha.digest();
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.write(reinterpret_cast<const char *>(digest.data()),
                static_cast<std::streamsize>(digest.size()));
  encoder.close();
  return out.str();
}

std::string base64Decode(const std::string &text) {
  try {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    return out;
  } catch (const Poco::Exception &) {
    return {};
  }
}

}  // namespace encore::fake
