// Retry-After pauses kept in host_pauses, so a day-long pause survives a restart.
#pragma once

#include "daemon/http/host_policies.h"
#include "daemon/store/store.h"

namespace encore {

class DbPauseStore : public PauseStore {
 public:
  explicit DbPauseStore(Store &store) : store_(store) {}
  std::vector<HostPause> loadPauses() override;
  void savePause(const HostPause &pause) override;

 private:
  Store &store_;
};

}  // namespace encore
