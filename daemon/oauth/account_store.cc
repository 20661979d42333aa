#include "daemon/oauth/account_store.h"

namespace encore {

std::vector<OAuthAccount> AccountStore::loadAll() {
  return store_.read([](Database &db) {
    std::vector<OAuthAccount> out;
    auto q = db.prepare(
        "SELECT plugin, state, access_token, refresh_token, expires_at, scope, last_error,"
        " updated_at FROM oauth_accounts");
    while (q->step()) {
      OAuthAccount a;
      a.plugin = q->text(0);
      a.state = q->text(1);
      a.accessToken = q->optText(2).value_or("");
      a.refreshToken = q->optText(3).value_or("");
      a.expiresAtMs = q->optInt64(4).value_or(0);
      a.scope = q->optText(5).value_or("");
      a.lastError = q->optText(6).value_or("");
      a.updatedAtMs = q->int64(7);
      out.push_back(std::move(a));
    }
    return out;
  });
}

void AccountStore::save(const OAuthAccount &a) {
  auto orNull = [](const std::string &s) {
    return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s);
  };
  store_.write([&](Database &db) {
    db.prepare(
          "INSERT INTO oauth_accounts(plugin, state, access_token, refresh_token, expires_at,"
          " scope, last_error, updated_at) VALUES (?,?,?,?,?,?,?,?)"
          " ON CONFLICT(plugin) DO UPDATE SET state = excluded.state,"
          " access_token = excluded.access_token, refresh_token = excluded.refresh_token,"
          " expires_at = excluded.expires_at, scope = excluded.scope,"
          " last_error = excluded.last_error, updated_at = excluded.updated_at")
        ->bind(a.plugin, a.state, orNull(a.accessToken), orNull(a.refreshToken), a.expiresAtMs,
               orNull(a.scope), orNull(a.lastError), a.updatedAtMs)
        .run();
  });
}

}  // namespace encore
