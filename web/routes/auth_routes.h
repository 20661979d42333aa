// GET /auth/{plugin}/login and GET /auth/{plugin}/callback: the browser side of the OAuth2
// authorization-code flow of any plugin that registered a provider.
#pragma once

#include <functional>
#include <string>

#include "daemon/oauth/oauth_manager.h"
#include "web/router.h"
#include "web/web_services.h"

namespace encore {

/// `publicBaseUrl` answers the address browsers reach the daemon at, without a trailing
/// slash (the setting server.public_url, or http://<bind>:<port> of the running daemon);
/// it is asked on every login, so a changed setting applies at once.
void addAuthRoutes(Router &router, WebServices &services, OAuthManager &oauth,
                   std::function<std::string()> publicBaseUrl);

}  // namespace encore
