#include "plugin_state.h"

namespace spotify {

void PluginState::applyBudget() {
  int64_t budget = host.intSetting(setting::kRequestBudget, 60);
  if (budget == appliedBudget) return;
  if (host.setRateLimit(apiBase, static_cast<uint32_t>(budget), kBudgetWindowMs) == ENCORE_OK) {
    appliedBudget = budget;
    host.log(ENCORE_LOG_INFO, budget > 0 ? "request budget: " + std::to_string(budget) +
                                               " requests per 30 s to " + apiBase
                                         : "request budget turned off for " + apiBase);
  }
}

int32_t runGuarded(PluginState &state, encore_run *run, RunBody body) noexcept {
  std::string what;
  try {
    what = state.host.runId(run);
    state.lastRequest.clear();
    state.sent.clear();
    state.applyBudget();
    body(state, run);
    return ENCORE_OK;
  } catch (const RunError &e) {
    const int32_t code = e.code();
    // Waiting states are expected; the scheduler holds the jobs and shows why.
    const bool waiting = code == ENCORE_E_RATE_LIMITED || code == ENCORE_E_CIRCUIT_OPEN ||
                         code == ENCORE_E_NOT_CONNECTED || code == ENCORE_E_RECONNECT_NEEDED ||
                         code == ENCORE_E_CANCELLED;
    state.host.log(waiting ? ENCORE_LOG_INFO : ENCORE_LOG_ERROR, what + ": " + e.what());
    return code;
  } catch (const FormatError &e) {
    state.host.log(ENCORE_LOG_ERROR, what + ": unexpected answer to " + state.lastRequest + ": " +
                                         e.what() + "; nothing of that page was stored");
    return ENCORE_E_FAILED;
  } catch (const std::exception &e) {
    state.host.log(ENCORE_LOG_ERROR, what + ": " + e.what());
    return ENCORE_E_FAILED;
  } catch (...) {
    return ENCORE_E_FAILED;
  }
}

}  // namespace spotify
