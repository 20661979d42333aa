#include "daemon/oauth/pkce.h"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <sys/random.h>

#include <cerrno>
#include <sstream>
#include <stdexcept>

namespace encore {
namespace {

std::string encode(const std::string &data, int options) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, options);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(data.data(), static_cast<std::streamsize>(data.size()));
  encoder.close();
  return out.str();
}

}  // namespace

std::string randomUrlSafeToken(size_t bytes) {
  std::string raw(bytes, '\0');
  size_t filled = 0;
  while (filled < bytes) {
    // The kernel's CSPRNG; it only blocks before the pool is first seeded at boot.
    ssize_t n = getrandom(raw.data() + filled, bytes - filled, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed: no secure random source");
    }
    filled += static_cast<size_t>(n);
  }
  return encode(raw, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
}

std::string makeCodeVerifier() {
  return randomUrlSafeToken(48);
}

std::string codeChallengeS256(const std::string &verifier) {
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(verifier);
  const auto &digest = sha256.digest();
  std::string raw(digest.begin(), digest.end());
  return encode(raw, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
}

std::string base64Encode(const std::string &data) {
  return encode(data, 0);
}

}  // namespace encore
