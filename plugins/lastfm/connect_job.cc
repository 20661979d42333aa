#include "connect_job.h"

#include "lastfm_api.h"

namespace lastfm {
namespace {

constexpr int64_t kTokenLifetimeMs = 55LL * 60 * 1000;  // Last.fm: 60 minutes

int32_t askForToken(const HostApi &host, encore_run *run, const LastfmApi &api) {
  ApiResult r = api.call(run, {{"method", "auth.gettoken"}}, true);
  if (r.kind != ApiResult::Kind::Ok || !r.data.contains("token") || !r.data["token"].is_string()) {
    host.setError(run, "Last.fm did not give an authorization token: " +
                           (r.kind == ApiResult::Kind::LastfmError
                                ? "error " + std::to_string(r.error) + " " + r.message
                                : r.message));
    return ENCORE_E_FAILED;
  }
  const std::string token = r.data["token"].get<std::string>();
  host.kvSet("auth.token", token);
  host.kvSet("auth.token_at", std::to_string(host.nowMs()));
  // The API key is a secret setting: the link carries a placeholder the user fills in.
  host.setError(
      run,
      "Allow Encore on Last.fm: open https://www.last.fm/api/auth/?api_key=<your API key>&token=" +
          token + " , then run lastfm.connect again within the hour");
  return ENCORE_E_FAILED;
}

}  // namespace

int32_t runConnect(const HostApi &host, encore_run *run) {
  if (!host.manual(run)) return ENCORE_OK;  // only ever on request
  const std::string apiKey = host.setting("api_key").value_or("");
  const std::string secret = host.setting("shared_secret").value_or("");
  if (apiKey.empty() || secret.empty()) {
    host.setError(run, "set lastfm.api_key and lastfm.shared_secret first");
    return ENCORE_E_FAILED;
  }
  LastfmApi api(host, endpointFrom(host), apiKey, secret);
  auto token = host.kvGet("auth.token");
  const int64_t tokenAt =
      std::strtoll(host.kvGet("auth.token_at").value_or("0").c_str(), nullptr, 10);
  if (!token || host.nowMs() - tokenAt > kTokenLifetimeMs) return askForToken(host, run, api);

  ApiResult r = api.call(run, {{"method", "auth.getsession"}, {"token", *token}}, true);
  if (r.kind == ApiResult::Kind::LastfmError && r.error == 14) {
    host.setError(run,
                  "Last.fm: the token is not authorized yet; open https://www.last.fm/api/auth/"
                  "?api_key=<your API key>&token=" +
                      *token + " and allow Encore, then run again");
    return ENCORE_E_FAILED;
  }
  if (r.kind == ApiResult::Kind::LastfmError && (r.error == 15 || r.error == 4)) {
    return askForToken(host, run, api);  // expired: start over
  }
  const auto *session =
      r.kind == ApiResult::Kind::Ok && r.data.contains("session") ? &r.data["session"] : nullptr;
  if (session == nullptr || !session->is_object() || !session->contains("key") ||
      !(*session)["key"].is_string()) {
    host.setError(run, "Last.fm did not give a session: " + r.message);
    return ENCORE_E_FAILED;
  }
  host.kvSet("session_key", (*session)["key"].get<std::string>());
  host.kvRemove("auth.token");
  host.kvRemove("auth.token_at");
  std::string name = session->contains("name") && (*session)["name"].is_string()
                         ? (*session)["name"].get<std::string>()
                         : "?";
  host.log(ENCORE_LOG_INFO, "connected to Last.fm as " + name);
  return ENCORE_OK;
}

}  // namespace lastfm
