// The host side of `encore_run`: one invocation of a plugin callback (a job run, an
// import, a sink push), with its cancellation, scope and outcome.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/cancel_token.h"
#include "daemon/records/record_store.h"
#include "encore/plugin_api.h"

namespace encore {

struct Plugin;

/// What an importer reads (encore.import/1): one file, as a stream.
class ImportStream {
 public:
  virtual ~ImportStream() = default;
  virtual const std::string &fileName() const = 0;
  virtual int64_t size() const = 0;  // -1 when unknown
  /// ENCORE_OK with *readOut == 0 at the end; ENCORE_E_CANCELLED when cancelled.
  virtual int32_t read(uint8_t *buffer, size_t capacity, size_t *readOut) = 0;
  virtual void progress(int64_t processed, int64_t total) = 0;
  virtual void skip(const std::string &reason) = 0;
  virtual int64_t resumeFrom() const = 0;
  /// The import this file belongs to (imports.id): the plays it stores carry it.
  virtual int64_t importId() const { return 0; }
};

/// What a sink receives (encore.sink/1).
class SinkExchange {
 public:
  virtual ~SinkExchange() = default;
  virtual const std::string &document() const = 0;
  virtual void setResult(std::string json) = 0;
};

enum class RunKind { Job, Import, Sink };

}  // namespace encore

struct encore_run {
  encore::Plugin *plugin = nullptr;
  encore::RunKind kind = encore::RunKind::Job;
  std::string localId;  // the declared id (job, importer or sink)
  const encore::CancelToken *cancel = nullptr;
  bool manual = false;
  std::vector<std::string> items;  // gradual jobs
  encore::SubmitScope scope;
  encore::ImportStream *import = nullptr;
  encore::SinkExchange *sink = nullptr;

  // Outcome, filled by the services during the run.
  int64_t recordsStored = 0;
  std::string failure;    // why a submit was rejected; fails the run whatever it returns
  std::string lastError;  // the last failed service call, to explain a failure code
};
