// Record types the host understands, each with the code that validates and stores one
// record inside the page's transaction. Modules add their own types (plays, ...).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/records/entity_writer.h"
#include "daemon/records/record_reader.h"

namespace encore {

class RecordHandlers {
 public:
  /// Validates and stores one record; throws RecordError to reject the whole page.
  using Handler = std::function<void(WriteContext &ctx, const RecordReader &record)>;
  /// Runs once per page inside its transaction: `begin` before the first record, `end`
  /// after the last. A type whose records are cheaper to store together (plays) collects
  /// them in its handler and writes them in `end`.
  using PageHook = std::function<void(WriteContext &ctx)>;

  /// A document read by a DocumentReader: its records, already validated, and the raw
  /// JSON text of its "checkpoint" and "items_done" members when present.
  struct ReadDocument {
    int64_t records = 0;
    std::function<void(WriteContext &ctx)> store;  // runs between the page hooks
    std::optional<std::string> checkpoint;
    std::optional<std::string> itemsDone;
  };
  /// Reads a whole document of the one shape it knows (a page of nothing but plays) without
  /// the generic JSON tree. It answers nullopt for any other document and for every invalid
  /// one, which the generic path then reads and reports: errors are the same either way.
  /// Called outside the page's transaction; `source` is the plugin id.
  using DocumentReader = std::function<std::optional<ReadDocument>(
      std::string_view json, const std::string &source, int64_t nowMs)>;

  /// The library types: artist, album, track, playlist, playlist_item, playlist_truncate,
  /// library_item.
  static RecordHandlers withLibraryTypes();

  void add(const std::string &type, Handler handler);
  const Handler *find(const std::string &type) const;

  void addPageHooks(PageHook begin, PageHook end);
  void beginPage(WriteContext &ctx) const;
  void endPage(WriteContext &ctx) const;

  void addDocumentReader(DocumentReader reader);
  /// The first reader that takes `json`, or nullopt.
  std::optional<ReadDocument> readDocument(std::string_view json, const std::string &source,
                                           int64_t nowMs) const;

 private:
  std::map<std::string, Handler> handlers_;
  std::vector<std::pair<PageHook, PageHook>> pageHooks_;
  std::vector<DocumentReader> documentReaders_;
};

/// The current pass of a collection (0 before the first collection_begin).
int64_t currentCollectionPass(Database &db, const std::string &source,
                              const std::string &collection);

/// Checks a collection name: [a-z0-9_]{1,64}.
bool validCollectionName(const std::string &name);

}  // namespace encore
