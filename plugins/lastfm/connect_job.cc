#include "connect_job.h"

#include "lastfm_api.h"

namespace lastfm {
namespace {

constexpr int64_t kTokenLifetimeMs = 55LL * 60 * 1000;  // Last.fm: 60 minutes

[[noreturn]] void askForToken(const encore::Host &host, encore_run *run, const LastfmApi &api) {
  ApiResult r = api.call(run, {{"method", "auth.gettoken"}}, true);
  if (r.kind != ApiResult::Kind::Ok || !r.data.contains("token") || !r.data["token"].is_string()) {
    throw encore::Error(ENCORE_E_FAILED,
                        "Last.fm did not give an authorization token: " +
                            (r.kind == ApiResult::Kind::LastfmError
                                 ? "error " + std::to_string(r.error) + " " + r.message
                                 : r.message));
  }
  const std::string token = r.data["token"].get<std::string>();
  host.kvSet("auth.token", token);
  host.kvSet("auth.token_at", std::to_string(host.nowMs()));
  // The API key is a secret setting: the link carries a placeholder the user fills in.
  throw encore::Error(
      ENCORE_E_FAILED,
      "Allow Encore on Last.fm: open https://www.last.fm/api/auth/?api_key=<your API key>&token=" +
          token + " , then run lastfm.connect again within the hour");
}

}  // namespace

void runConnect(const encore::Host &host, encore_run *run) {
  if (!host.manual(run)) return;  // only ever on request
  const std::string apiKey = host.stringSetting("api_key").value_or("");
  const std::string secret = host.stringSetting("shared_secret").value_or("");
  if (apiKey.empty() || secret.empty()) {
    throw encore::Error(ENCORE_E_FAILED, "set lastfm.api_key and lastfm.shared_secret first");
  }
  LastfmApi api(host, endpointFrom(host), apiKey, secret);
  auto token = host.kvGet("auth.token");
  const int64_t tokenAt =
      std::strtoll(host.kvGet("auth.token_at").value_or("0").c_str(), nullptr, 10);
  if (!token || host.nowMs() - tokenAt > kTokenLifetimeMs) askForToken(host, run, api);

  ApiResult r = api.call(run, {{"method", "auth.getsession"}, {"token", *token}}, true);
  if (r.kind == ApiResult::Kind::LastfmError && r.error == 14) {
    throw encore::Error(ENCORE_E_FAILED,
                        "Last.fm: the token is not authorized yet; open "
                        "https://www.last.fm/api/auth/?api_key=<your API key>&token=" +
                            *token + " and allow Encore, then run again");
  }
  if (r.kind == ApiResult::Kind::LastfmError && (r.error == 15 || r.error == 4)) {
    askForToken(host, run, api);  // expired: start over
  }
  const auto *session =
      r.kind == ApiResult::Kind::Ok && r.data.contains("session") ? &r.data["session"] : nullptr;
  if (session == nullptr || !session->is_object() || !session->contains("key") ||
      !(*session)["key"].is_string()) {
    throw encore::Error(ENCORE_E_FAILED, "Last.fm did not give a session: " + r.message);
  }
  host.kvSet("session_key", (*session)["key"].get<std::string>());
  host.kvRemove("auth.token");
  host.kvRemove("auth.token_at");
  std::string name = session->contains("name") && (*session)["name"].is_string()
                         ? (*session)["name"].get<std::string>()
                         : "?";
  host.log(ENCORE_LOG_INFO, "connected to Last.fm as " + name);
}

}  // namespace lastfm
