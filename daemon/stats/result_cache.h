// Answers of recent stats queries, valid while the play index has not changed. A page
// load asks for the same few ranges again and again; an answer over ten years of plays
// costs milliseconds to compute but nothing to repeat.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace encore {

class ResultCache {
 public:
  ResultCache(size_t maxEntries, size_t maxBytes) : maxEntries_(maxEntries), maxBytes_(maxBytes) {}

  /// The answer stored under `key` for index `version`, or null.
  std::shared_ptr<const std::string> find(const std::string &key, uint64_t version);
  void store(const std::string &key, uint64_t version, std::shared_ptr<const std::string> body);
  size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    uint64_t version;
    std::shared_ptr<const std::string> body;
  };
  void evict();  // mutex_ held

  const size_t maxEntries_, maxBytes_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> byKey_;
  size_t bytes_ = 0;
};

}  // namespace encore
