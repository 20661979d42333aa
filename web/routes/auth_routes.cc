// The login redirect and the callback page. The callback never trusts its query: the
// `state` must be one this daemon issued for this plugin, unused and unexpired, or nothing
// happens. Pages are plain HTML with every dynamic text escaped.
#include "web/routes/auth_routes.h"

#include "web/pages/html.h"

namespace encore {
namespace {

void sendPage(RequestContext &ctx, int status, const std::string &title, const std::string &message,
              const std::string &plugin) {
  std::string html =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      html::escape(title) +
      " - Encore</title>"
      "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 "
      "1rem;"
      "line-height:1.5}h1{font-size:1.4rem}</style></head><body>"
      "<h1>" +
      html::escape(title) + "</h1><p>" + html::escape(message) +
      "</p>"
      "<p><a href=\"/auth/" +
      html::escape(plugin) +
      "/login\">Sign in again</a> &middot; "
      "<a href=\"/\">Back to Encore</a></p></body></html>\n";
  ctx.response().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  ctx.response().set("Referrer-Policy", "no-referrer");
  ctx.sendText(status, "text/html; charset=utf-8", html);
}

/// The plugin named in the path, if it is loaded and registered a provider.
Plugin *oauthPlugin(WebServices &s, OAuthManager &oauth, const std::string &id) {
  Plugin *plugin = s.plugins.find(id);
  if (plugin == nullptr || !oauth.hasProvider(id)) return nullptr;
  return plugin;
}

}  // namespace

void addAuthRoutes(Router &router, WebServices &s, OAuthManager &oauth,
                   std::function<std::string()> publicBaseUrl) {
  router.add("GET", "/auth/{plugin}/login", [&s, &oauth, publicBaseUrl](RequestContext &ctx) {
    const std::string &id = ctx.param("plugin");
    Plugin *plugin = oauthPlugin(s, oauth, id);
    if (plugin == nullptr) {
      sendPage(ctx, 404, "Unknown account", "No loaded plugin signs in as '" + id + "'.", id);
      return;
    }
    auto start = oauth.beginLogin(id, publicBaseUrl() + "/auth/" + id + "/callback");
    if (!start.ok) {
      sendPage(ctx, 409, "Cannot sign in to " + plugin->name + " yet", start.error, id);
      return;
    }
    ctx.redirect(start.authorizeUrl);
  });

  router.add("GET", "/auth/{plugin}/callback", [&s, &oauth](RequestContext &ctx) {
    const std::string &id = ctx.param("plugin");
    Plugin *plugin = oauthPlugin(s, oauth, id);
    if (plugin == nullptr) {
      sendPage(ctx, 404, "Unknown account", "No loaded plugin signs in as '" + id + "'.", id);
      return;
    }
    auto result =
        oauth.completeLogin(id, ctx.query("state").value_or(""), ctx.query("code").value_or(""),
                            ctx.query("error").value_or(""));
    switch (result.outcome) {
      case OAuthManager::Outcome::Connected:
        s.scheduler.wake();
        sendPage(ctx, 200, plugin->name + " is connected", result.message, id);
        return;
      case OAuthManager::Outcome::Denied:
        sendPage(ctx, 403, plugin->name + " was not connected", result.message, id);
        return;
      case OAuthManager::Outcome::BadState:
        sendPage(ctx, 400, "Sign-in link expired", result.message, id);
        return;
      case OAuthManager::Outcome::Failed:
        sendPage(ctx, 502, plugin->name + " was not connected", result.message, id);
        return;
    }
  });
}

}  // namespace encore
