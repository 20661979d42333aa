// Record types the host understands, each with the code that validates and stores one
// record inside the page's transaction. Modules add their own types (plays, ...).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "records/entity_writer.h"
#include "records/record_reader.h"

namespace encore {

class RecordHandlers {
 public:
  /// Validates and stores one record; throws RecordError to reject the whole page.
  using Handler = std::function<void(WriteContext &ctx, const RecordReader &record)>;

  /// The library types: artist, album, track, playlist, playlist_item, playlist_truncate,
  /// library_item.
  static RecordHandlers withLibraryTypes();

  void add(const std::string &type, Handler handler);
  const Handler *find(const std::string &type) const;

 private:
  std::map<std::string, Handler> handlers_;
};

/// The current pass of a collection (0 before the first collection_begin).
int64_t currentCollectionPass(Database &db, const std::string &source, const std::string &collection);

/// Checks a collection name: [a-z0-9_]{1,64}.
bool validCollectionName(const std::string &name);

}  // namespace encore
