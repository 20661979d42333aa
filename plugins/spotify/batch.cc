#include "batch.h"

namespace spotify {

Batch::~Batch() {
  if (pending_.empty()) return;
  try {
    host_.submit(run_, pending_.dump());
  } catch (...) {
    // The run is failing already; its checkpoints make the next run read these again.
  }
}

void Batch::add(Document &&page) {
  pending_.append(std::move(page));
  if (pending_.size() >= kRecords) flush();
}

void Batch::flush() {
  if (pending_.empty()) return;
  std::string text = pending_.dump();
  pending_.clear();
  host_.submit(run_, text);
}

}  // namespace spotify
