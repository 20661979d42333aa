#include "daemon/stats/result_cache.h"

namespace encore {

std::shared_ptr<const std::string> ResultCache::find(const std::string &key, uint64_t version) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = byKey_.find(key);
  if (it == byKey_.end() || it->second->version != version) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->body;
}

void ResultCache::store(const std::string &key, uint64_t version,
                        std::shared_ptr<const std::string> body) {
  if (maxEntries_ == 0 || body->size() > maxBytes_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = byKey_.find(key); it != byKey_.end()) {
    bytes_ -= it->second->body->size();
    order_.erase(it->second);
    byKey_.erase(it);
  }
  bytes_ += body->size();
  order_.push_front({key, version, std::move(body)});
  byKey_[key] = order_.begin();
  evict();
}

void ResultCache::evict() {
  while (!order_.empty() && (order_.size() > maxEntries_ || bytes_ > maxBytes_)) {
    bytes_ -= order_.back().body->size();
    byKey_.erase(order_.back().key);
    order_.pop_back();
  }
}

size_t ResultCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

}  // namespace encore
