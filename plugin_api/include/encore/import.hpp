// encore/import.hpp -- the run of an importer (encore.import/1): the file's entries counted
// so that a resumed import passes over what was stored before a restart, plays sent page
// by page with progress, and the reason of every entry left out.
//
//   encore::ImportPages pages(host, run);
//   while (reader.next(entry)) {
//     if (!pages.nextEntry()) continue;              // stored before a restart
//     if (auto play = playOf(entry)) pages.play(*play); else pages.skip("no track name");
//   }
//   pages.finish();
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "encore/host.hpp"
#include "encore/records.hpp"

namespace encore {

class ImportPages {
 public:
  /// A page is one transaction on the host, and every commit waits for the disk: the
  /// larger the page, the fewer commits. By default pages are as large as the host takes
  /// (50,000 records, 16 MiB). Progress is saved with every page, and at least every
  /// `progressEntries` entries when most entries are left out.
  struct Limits {
    size_t plays = 50'000;
    size_t bytes = 15u << 20;
    int64_t progressEntries = 100'000;
  };

  ImportPages(const Host &host, encore_run *run) : ImportPages(host, run, Limits()) {}
  ImportPages(const Host &host, encore_run *run, Limits limits)
      : host_(host),
        run_(run),
        limits_(limits),
        fileName_(host.importFileName(run)),
        resumeFrom_(host.importResumeFrom(run)),
        submittedAt_(resumeFrom_) {}
  ImportPages(const ImportPages &) = delete;
  ImportPages &operator=(const ImportPages &) = delete;

  /// The file's base name, for messages: "<name>: not a readable export file".
  const std::string &fileName() const noexcept { return fileName_; }
  /// Entries counted so far, those passed over after a restart included.
  int64_t processed() const noexcept { return processed_; }

  /// Counts the next entry of the file: false when an earlier run stored it (pass over
  /// it), true when it is to be read and ended with play() or skip().
  bool nextEntry() noexcept { return ++processed_ > resumeFrom_; }

  /// The entry's play. An entry whose names are not valid UTF-8 is left out instead
  /// ("text is not valid UTF-8"). Sends the page when it is full.
  void play(const Play &p) {
    if (!page_.tryPlay(p)) host_.importSkip(run_, "text is not valid UTF-8");
    sendWhenDue();
  }
  /// The entry is left out for `reason`, counted by reason in the import's summary.
  void skip(const char *reason) {
    host_.importSkip(run_, reason);
    sendWhenDue();
  }
  void skip(const std::string &reason) { skip(reason.c_str()); }

  /// Sends what is left, with the last progress. A refused page throws Error whose text
  /// starts with the file's name.
  void finish() { send(); }

 private:
  void sendWhenDue() {
    if (page_.records() >= limits_.plays || page_.bytes() >= limits_.bytes ||
        processed_ - submittedAt_ >= limits_.progressEntries) {
      send();
    }
  }
  void send() {
    try {
      host_.submit(run_, page_.finish());
    } catch (const Error &e) {
      throw Error(e.code(), fileName_ + ": " + e.what());
    }
    page_.clear();
    submittedAt_ = processed_;
    host_.importProgress(run_, processed_, -1);
  }

  const Host &host_;
  encore_run *run_;
  Limits limits_;
  std::string fileName_;
  int64_t resumeFrom_;
  int64_t processed_ = 0;
  int64_t submittedAt_;
  RecordsWriter page_;
};

}  // namespace encore
