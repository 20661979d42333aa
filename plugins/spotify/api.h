// Requests to the Spotify Web API through the host (which adds the bearer token, waits for
// the request budget, and pauses on 429). Statuses become values or encore::Errors here, so
// the jobs only see JSON they asked for.
#pragma once

#include <initializer_list>
#include <string>

#include "encore/host.hpp"
#include "json_access.h"

namespace spotify {

class Api {
 public:
  struct Response {
    int status = 0;
    Json body;  // null for an empty body
  };

  /// `lastRequest` receives a description of each request as it is sent ("GET
  /// /v1/me/tracks?offset=50&limit=50"), for error messages.
  Api(const encore::Host &host, encore_run *run, std::string apiBase, std::string &lastRequest)
      : host_(host), run_(run), base_(std::move(apiBase)), last_(lastRequest) {}

  /// GET <base>/v1<pathAndQuery>. A 2xx answer, or one of `tolerated` statuses, comes
  /// back; anything else throws encore::Error (429: rate-limited, 5xx: network, ...).
  Response get(const std::string &pathAndQuery, std::initializer_list<int> tolerated = {});
  /// POST/PUT/DELETE with a JSON body.
  Response send(const std::string &method, const std::string &pathAndQuery, const Json &body,
                std::initializer_list<int> tolerated = {});

  encore_run *run() const { return run_; }
  const encore::Host &host() const { return host_; }

 private:
  Response exchange(const std::string &method, const std::string &pathAndQuery,
                    const std::string &body, std::initializer_list<int> tolerated);

  const encore::Host &host_;
  encore_run *run_;
  std::string base_;
  std::string &last_;
};

}  // namespace spotify
