#include "daemon/imports/import_file_stream.h"

#include "daemon/core/unicode_text.h"

namespace encore {
namespace {

constexpr size_t kMaxReasonLength = 200;
constexpr size_t kMaxDistinctReasons = 100;

}  // namespace

ImportFileStream::ImportFileStream(ImportRecords &records, int64_t importId,
                                   const ImportFileRow &file, std::string baseName,
                                   std::unique_ptr<ByteSource> source, const CancelToken &cancel)
    : records_(records),
      importId_(importId),
      seq_(file.seq),
      baseName_(std::move(baseName)),
      source_(std::move(source)),
      cancel_(cancel),
      resumeFrom_(file.processed),
      processed_(file.processed),
      total_(file.total) {}

int32_t ImportFileStream::read(uint8_t *buffer, size_t capacity, size_t *readOut) {
  *readOut = 0;
  if (cancel_.cancelled()) return ENCORE_E_CANCELLED;
  if (!readError_.empty()) return ENCORE_E_INTERNAL;
  try {
    *readOut = source_->read(buffer, capacity);
  } catch (const ImportReadError &e) {
    readError_ = e.what();
    return ENCORE_E_INTERNAL;
  }
  bytesRead_ += static_cast<int64_t>(*readOut);
  return ENCORE_OK;
}

int64_t ImportFileStream::estimatedTotal() const {
  // Until the importer knows, estimate from the share of the bytes read so far.
  const int64_t size = source_->size();
  if (size <= 0 || bytesRead_ <= 0 || processed_ <= 0) return -1;
  if (bytesRead_ >= size) return processed_;
  return static_cast<int64_t>(static_cast<double>(processed_) * static_cast<double>(size) /
                              static_cast<double>(bytesRead_));
}

void ImportFileStream::progress(int64_t processed, int64_t total) {
  // Never backwards: the importer counts from resume_from on.
  if (processed > processed_) processed_ = processed;
  total_ = total >= processed_ ? total : estimatedTotal();
  records_.saveProgress(importId_, seq_, processed_, total_, pendingSkips_);
  pendingSkips_.clear();
  pendingSkipCount_ = 0;
}

void ImportFileStream::skip(const std::string &reason) {
  std::string r = text::clipBytes(reason, kMaxReasonLength);  // reasons quote names
  if (r.empty()) r = "unspecified";
  if (pendingSkips_.size() >= kMaxDistinctReasons && pendingSkips_.count(r) == 0) r = "other";
  ++pendingSkips_[r];
  ++pendingSkipCount_;
}

void ImportFileStream::flush() {
  if (pendingSkipCount_ == 0) return;
  records_.saveProgress(importId_, seq_, processed_, total_, pendingSkips_);
  pendingSkips_.clear();
  pendingSkipCount_ = 0;
}

}  // namespace encore
