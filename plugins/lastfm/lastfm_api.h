// Calls to Last.fm's API (https://ws.audioscrobbler.com/2.0/, or ENCORE_LASTFM_API_URL):
// parameters encoded, signed with api_sig when a call needs it, and the answer sorted into
// data, a Last.fm error (which may come with HTTP 200), or a transport failure.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "encore/host.hpp"

namespace lastfm {

using Params = std::map<std::string, std::string>;

struct ApiResult {
  enum class Kind { Ok, LastfmError, Transport, Malformed };
  Kind kind = Kind::Ok;
  nlohmann::json data;       // Ok
  int error = 0;             // LastfmError: Last.fm's code (6, 17, 29, ...)
  int status = 0;            // HTTP status when an answer arrived
  int32_t code = ENCORE_OK;  // Transport: the host's ENCORE_* code
  std::string message;
};

/// md5 over every parameter but format and callback, sorted by name, as name + value,
/// followed by the shared secret (NOTES: api_sig).
std::string apiSignature(const Params &params, const std::string &secret);

class LastfmApi {
 public:
  LastfmApi(const encore::Host &host, std::string baseUrl, std::string apiKey,
            std::string secret = {})
      : host_(host),
        baseUrl_(std::move(baseUrl)),
        apiKey_(std::move(apiKey)),
        secret_(std::move(secret)) {}

  /// GET ?method=...&api_key=...&format=json&<params>[&api_sig=...].
  ApiResult call(encore_run *run, Params params, bool sign) const;
  const std::string &endpoint() const { return baseUrl_; }
  std::string url(Params params, bool sign) const;

 private:
  const encore::Host &host_;
  std::string baseUrl_;
  std::string apiKey_;
  std::string secret_;
};

/// The API endpoint: ENCORE_LASTFM_API_URL (default https://ws.audioscrobbler.com) + "/2.0/".
std::string endpointFrom(const encore::Host &host);

}  // namespace lastfm
