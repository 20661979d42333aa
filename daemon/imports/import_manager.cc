#include "daemon/imports/import_manager.h"

#include <Poco/Logger.h>

#include <filesystem>

namespace encore {

ImportManager::ImportManager(Store &store, Clock &clock, PluginManager &plugins,
                             const std::string &dataDir)
    : store_(store),
      clock_(clock),
      records_(store, clock),
      runner_(records_, plugins, dataDir + "/imports/locks"),
      uploadDir_(dataDir + "/imports") {
  std::filesystem::create_directories(uploadDir_ + "/locks");
}

ImportManager::~ImportManager() {
  stop();
}

int64_t ImportManager::submitUpload(const std::string &path, const std::string &fileName) {
  ImportRow row;
  row.origin = "upload";
  row.fileName = fileName;
  row.path = path;
  std::error_code ec;
  row.size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  row.fingerprint = fileFingerprint(path);
  int64_t id = records_.create(row);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(id);
  }
  wake_.notify_all();
  return id;
}

void ImportManager::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (worker_.joinable()) return;
  for (const auto &row : records_.unfinished()) {
    Poco::Logger::get("imports").information("resuming import %Ld (%s)", row.id, row.fileName);
    queue_.push_back(row.id);
  }
  worker_ = std::thread([this] { loop(); });
}

void ImportManager::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    if (current_) current_->cancel();
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void ImportManager::loop() {
  for (;;) {
    int64_t id = 0;
    std::shared_ptr<CancelToken> cancel;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      cancel = current_ = std::make_shared<CancelToken>();
    }
    auto row = records_.find(id);
    ImportResult result = runner_.run(id, *cancel);
    if (result.outcome == ImportOutcome::Busy) {
      Poco::Logger::get("imports").information("import %Ld is being run by another process", id);
    }
    const bool ended =
        result.outcome == ImportOutcome::Done || result.outcome == ImportOutcome::Failed;
    if (ended && row && row->origin == "upload") {
      std::error_code ec;
      std::filesystem::remove(row->path, ec);  // the upload was only kept to be imported
    }
    std::lock_guard<std::mutex> lock(mutex_);
    current_.reset();
  }
}

}  // namespace encore
