// One file of an import as an importer reads it (encore.import/1): the bytes, the entries
// already stored before a restart, and progress and skips written to the database.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "daemon/core/cancel_token.h"
#include "daemon/imports/byte_source.h"
#include "daemon/imports/import_records.h"
#include "daemon/plugin_host/run_context.h"

namespace encore {

class ImportFileStream : public ImportStream {
 public:
  ImportFileStream(ImportRecords &records, int64_t importId, const ImportFileRow &file,
                   std::string baseName, std::unique_ptr<ByteSource> source,
                   const CancelToken &cancel);

  const std::string &fileName() const override { return baseName_; }
  int64_t size() const override { return source_->size(); }
  int32_t read(uint8_t *buffer, size_t capacity, size_t *readOut) override;
  void progress(int64_t processed, int64_t total) override;
  void skip(const std::string &reason) override;
  int64_t resumeFrom() const override { return resumeFrom_; }
  int64_t importId() const override { return importId_; }

  /// Writes what is not stored yet (the importer's last skips). After the run.
  void flush();
  int64_t processed() const { return processed_; }
  int64_t total() const { return total_; }
  /// Why reading failed (damaged archive, ...), "" when it did not.
  const std::string &readError() const { return readError_; }

 private:
  int64_t estimatedTotal() const;

  ImportRecords &records_;
  int64_t importId_;
  int64_t seq_;
  std::string baseName_;
  std::unique_ptr<ByteSource> source_;
  const CancelToken &cancel_;
  int64_t resumeFrom_;
  int64_t processed_;
  int64_t total_ = -1;
  int64_t bytesRead_ = 0;
  std::map<std::string, int64_t> pendingSkips_;
  int64_t pendingSkipCount_ = 0;
  std::string readError_;
};

}  // namespace encore
