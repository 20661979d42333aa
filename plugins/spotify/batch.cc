#include "batch.h"

namespace spotify {

Batch::~Batch() {
  try {
    doc_.dropPage();
    if (!doc_.empty()) host_.submit(run_, doc_.finish());
  } catch (...) {
    // The run is failing already; its checkpoints make the next run read these again.
  }
}

void Batch::endPage() {
  doc_.endPage();
  if (doc_.records() >= kRecords) flush();
}

void Batch::flush() {
  if (doc_.empty()) return;
  // Sent or refused, the pages are done with: a refusal fails the run.
  struct ClearAfter {
    encore::RecordsWriter &doc;
    ~ClearAfter() { doc.clear(); }
  } clearAfter{doc_};
  host_.submit(run_, doc_.finish());
}

}  // namespace spotify
