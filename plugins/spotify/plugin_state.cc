#include "plugin_state.h"

namespace spotify {

void PluginState::applyBudget() {
  int64_t budget = host.intSetting(setting::kRequestBudget, 60);
  if (budget == appliedBudget) return;
  try {
    host.setRateLimit(apiBase, static_cast<uint32_t>(budget), kBudgetWindowMs);
  } catch (const encore::Error &e) {
    host.log(ENCORE_LOG_WARNING, std::string("no request budget: ") + e.what());
    return;
  }
  appliedBudget = budget;
  host.log(ENCORE_LOG_INFO, budget > 0 ? "request budget: " + std::to_string(budget) +
                                             " requests per 30 s to " + apiBase
                                       : "request budget turned off for " + apiBase);
}

void PluginState::run(encore_run *r, RunBody body) {
  lastRequest.clear();
  sent.clear();
  applyBudget();
  try {
    body(*this, r);
  } catch (const FormatError &e) {
    throw encore::Error(ENCORE_E_FAILED, "unexpected answer to " + lastRequest + ": " + e.what() +
                                             "; nothing of that page was stored");
  }
}

}  // namespace spotify
