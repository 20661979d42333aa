#include "daemon/scheduler/dispatcher.h"

#include <chrono>

namespace encore {

ThreadDispatcher::~ThreadDispatcher() {
  stop(0);
}

void ThreadDispatcher::dispatch(const std::string &plugin, std::function<void()> task) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return;
  auto &worker = workers_[plugin];
  if (!worker) {
    worker = std::make_unique<Worker>();
    worker->thread = std::thread(&ThreadDispatcher::loop, this, worker.get());
  }
  worker->queue.push_back(std::move(task));
  changed_.notify_all();
}

void ThreadDispatcher::loop(Worker *worker) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !worker->queue.empty(); });
    if (stopping_) return;
    auto task = std::move(worker->queue.front());
    worker->queue.pop_front();
    worker->busy = true;
    lock.unlock();
    task();
    lock.lock();
    worker->busy = false;
    changed_.notify_all();
  }
}

bool ThreadDispatcher::stop(int64_t graceMs) {
  std::unique_lock<std::mutex> lock(mutex_);
  stopping_ = true;
  for (auto &[name, worker] : workers_) worker->queue.clear();
  changed_.notify_all();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(graceMs);
  bool allIdle = changed_.wait_until(lock, deadline, [&] {
    for (auto &[name, worker] : workers_) {
      if (worker->busy) return false;
    }
    return true;
  });
  auto workers = std::move(workers_);
  workers_.clear();
  lock.unlock();
  for (auto &[name, worker] : workers) {
    if (!worker->thread.joinable()) continue;
    if (worker->busy) {
      worker->thread.detach();  // stuck in a plugin call; the process is exiting anyway
      worker.release();
    } else {
      worker->thread.join();
    }
  }
  return allIdle;
}

}  // namespace encore
