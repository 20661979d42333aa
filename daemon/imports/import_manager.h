// The daemon's imports: uploads are queued and run one at a time on a worker thread;
// imports left unfinished by a crash or a shutdown resume when the daemon starts.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/core/clock.h"
#include "daemon/imports/import_records.h"
#include "daemon/imports/import_runner.h"

namespace encore {

class ImportManager {
 public:
  ImportManager(Store &store, Clock &clock, PluginManager &plugins, const std::string &dataDir);
  ~ImportManager();

  /// Where uploads are written before they are imported.
  const std::string &uploadDir() const { return uploadDir_; }

  /// Queues an uploaded file the manager now owns (deleted once the import ends).
  int64_t submitUpload(const std::string &path, const std::string &fileName);

  /// Starts the worker and queues every unfinished import (resumption after a restart).
  void start();
  /// Cancels the running import (it resumes at the next start) and joins the worker.
  void stop();

  ImportRecords &records() { return records_; }

 private:
  void loop();

  Store &store_;
  Clock &clock_;
  ImportRecords records_;
  ImportRunner runner_;
  std::string uploadDir_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<int64_t> queue_;
  bool stopping_ = false;
  std::shared_ptr<CancelToken> current_;
  std::thread worker_;
};

}  // namespace encore
