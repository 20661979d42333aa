// GET /api/plugins: loaded and refused plugins, with versions and reasons.
#include <filesystem>

#include "web/routes/api_routes.h"

namespace encore {

void addPluginRoutes(Router &router, WebServices &s) {
  router.add("GET", "/api/plugins", [&s](RequestContext &ctx) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto &p : s.plugins.plugins()) {
      const bool loaded = p->status == Plugin::Status::Loaded;
      nlohmann::json item = {
          {"id", p->id},
          {"file", std::filesystem::path(p->path).filename().string()},
          {"status", loaded ? "loaded" : "refused"},
          {"reason", loaded ? nlohmann::json(nullptr) : nlohmann::json(p->reason)},
      };
      if (loaded) {
        item["name"] = p->name;
        item["version"] = p->version;
        item["description"] = p->description;
        item["abi"] = std::to_string(p->abiMajor) + "." + std::to_string(p->abiMinor);
        nlohmann::json jobs = nlohmann::json::array(), importers = nlohmann::json::array(),
                       sinks = nlohmann::json::array();
        for (const auto &j : p->jobs) jobs.push_back(j.id);
        for (const auto &i : p->importers) importers.push_back(i.id);
        for (const auto &k : p->sinks) sinks.push_back(k.id);
        item["jobs"] = jobs;
        item["importers"] = importers;
        item["sinks"] = sinks;
        if (p->oauth) {
          std::string state = s.accountState ? s.accountState(*p) : "not_connected";
          item["account"] = {{"state", state}, {"connect_url", "/auth/" + p->id + "/login"}};
        } else {
          item["account"] = nullptr;
        }
      }
      list.push_back(std::move(item));
    }
    // The ABI this encored speaks; each plugin's "abi" is the one it was built for.
    ctx.sendJson(200, {{"host_abi", ENCORE_ABI_VERSION_STRING}, {"plugins", list}});
  });
}

}  // namespace encore
