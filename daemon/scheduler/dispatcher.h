// Where runs execute. The daemon gives each plugin one worker thread, so a plugin's
// callbacks never run concurrently (the ABI promises that); tests run them inline.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace encore {

class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  /// Runs `task` for `plugin`: after the plugin's earlier tasks, never beside them.
  virtual void dispatch(const std::string &plugin, std::function<void()> task) = 0;
};

class InlineDispatcher : public Dispatcher {
 public:
  void dispatch(const std::string &, std::function<void()> task) override { task(); }
};

class ThreadDispatcher : public Dispatcher {
 public:
  ~ThreadDispatcher() override;
  void dispatch(const std::string &plugin, std::function<void()> task) override;
  /// Stops taking tasks, drops queued ones, and joins the workers (the running tasks must
  /// have been cancelled). Returns false if a worker is still busy after `graceMs`; its
  /// thread is then detached.
  bool stop(int64_t graceMs);

 private:
  struct Worker {
    std::thread thread;
    std::deque<std::function<void()>> queue;
    bool busy = false;
  };
  void loop(Worker *worker);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::unique_ptr<Worker>> workers_;
  bool stopping_ = false;
};

}  // namespace encore
