// encore/records.hpp -- a records document for encore.records/1, written as text:
//
//   {"records": [...], "checkpoint": {"key": "value" | null, ...}, "items_done": [...]}
//
// A document may carry several pages (a plugin batching pages into one transaction):
// endPage() marks the end of a complete page, so that a failure half-way through the
// next one (dropPage) never sends part of a page or its checkpoint. Checkpoint values of
// a later page replace those of an earlier one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "encore/json_writer.hpp"

namespace encore {

/// One listening (a "play" record; plugin_api/README.md, "Plays").
struct Play {
  int64_t startedAt = 0;        // when the listening began, Unix seconds (UTC)
  int64_t msPlayed = 0;         // 0: not reported
  std::string_view source;      // "spotify-export", ...; empty: the plugin id
  std::string_view track;       // the title
  std::string_view artist;      // the track's (first) artist
  std::string_view album;       // optional: empty leaves it out
  std::string_view spotifyUri;  // optional: "spotify:track:<id>"
  int64_t durationMs = -1;      // optional: negative leaves it out
};

class RecordsWriter {
 public:
  RecordsWriter() : json_(text_) { clear(); }
  RecordsWriter(const RecordsWriter &) = delete;
  RecordsWriter &operator=(const RecordsWriter &) = delete;

  /// The writer inside the "records" array, for records of any type:
  ///   auto &w = doc.json(); w.beginObject(); w.field("type", "artist"); ... w.endObject();
  /// Prefer record() below, which counts the record and takes back a refused one.
  JsonWriter &json() { return json_; }

  /// Writes one record of `type` with `fill(JsonWriter &)` writing its other members.
  /// A `fill` that returns bool may answer false to drop the record it began (it turned
  /// out unusable); record() then answers false. When a text is not valid UTF-8, or
  /// `fill` throws, nothing of the record stays and the exception goes on.
  template <typename Fill>
  bool record(std::string_view type, Fill &&fill) {
    return add([&](JsonWriter &w) {
      w.beginObject();
      w.field("type", type);
      if constexpr (std::is_same_v<std::invoke_result_t<Fill &, JsonWriter &>, bool>) {
        if (!fill(w)) return false;
      } else {
        fill(w);
      }
      w.endObject();
      return true;
    });
  }

  /// Writes one record whose whole object, "type" included, `write(JsonWriter &)` writes
  /// (a writer shared with records nested in others); `write` answers false, having
  /// written nothing that stays, when there is no record to make of its input.
  template <typename Write>
  bool add(Write &&write) {
    const JsonWriter::Mark start = json_.mark();
    try {
      if (!write(json_)) {
        json_.rollback(start);
        return false;
      }
    } catch (...) {
      json_.rollback(start);
      throw;
    }
    ++records_;
    return true;
  }

  /// Writes one play; InvalidText (nothing written) when a name is not valid UTF-8.
  void play(const Play &p) {
    record("play", [&](JsonWriter &w) {
      if (!p.source.empty()) w.field("source", p.source);
      w.field("started_at", p.startedAt);
      w.field("ms_played", p.msPlayed);
      w.key("track");
      w.beginObject();
      w.field("name", p.track);
      w.field("artist", p.artist);
      if (!p.album.empty()) w.field("album", p.album);
      if (!p.spotifyUri.empty()) w.field("spotify_uri", p.spotifyUri);
      if (p.durationMs >= 0) w.field("duration_ms", p.durationMs);
      w.endObject();
    });
  }
  /// play() that answers false instead of throwing, for importers that skip such entries.
  bool tryPlay(const Play &p) {
    try {
      play(p);
      return true;
    } catch (const InvalidText &) {
      return false;
    }
  }

  /// Sets a checkpoint key (encore.kv/1) to store with this page; nullopt deletes it.
  void checkpoint(std::string_view key, std::optional<std::string_view> value) {
    if (!validUtf8(key) || (value && !validUtf8(*value))) throw InvalidText();
    for (auto &entry : pageCheckpoint_) {
      if (entry.first == key) {
        entry.second = value ? std::optional<std::string>(*value) : std::nullopt;
        return;
      }
    }
    pageCheckpoint_.emplace_back(std::string(key),
                                 value ? std::optional<std::string>(*value) : std::nullopt);
  }
  /// Reports a gradual job's item done with this page.
  void itemDone(std::string_view id) {
    const size_t start = items_.size();
    try {
      if (!items_.empty()) items_.push_back(',');
      appendJsonString(items_, id);
    } catch (...) {
      items_.resize(start);
      throw;
    }
  }

  /// The page written so far is complete: it will be sent whatever happens next.
  void endPage() {
    for (auto &entry : pageCheckpoint_) {
      bool replaced = false;
      for (auto &stored : checkpoint_) {
        if (stored.first == entry.first) {
          stored.second = std::move(entry.second);
          replaced = true;
          break;
        }
      }
      if (!replaced) checkpoint_.push_back(std::move(entry));
    }
    pageCheckpoint_.clear();
    page_ = {json_.mark(), records_, items_.size()};
  }
  /// Forgets everything written since the last endPage() (nothing after finish()).
  void dropPage() {
    if (finished_) return;
    json_.rollback(page_.json);
    records_ = page_.records;
    items_.resize(page_.items);
    pageCheckpoint_.clear();
  }

  /// Records written, in ended pages and the one in progress.
  size_t records() const noexcept { return records_; }
  size_t bytes() const noexcept { return text_.size() + items_.size(); }
  /// Nothing to send: no record, checkpoint or item.
  bool empty() const noexcept {
    return records_ == 0 && checkpoint_.empty() && pageCheckpoint_.empty() && items_.empty();
  }

  /// Ends the page in progress and closes the document; its text, valid until clear().
  /// Nothing may be written after it but clear().
  const std::string &finish() {
    if (finished_) return text_;
    endPage();
    text_.push_back(']');
    if (!checkpoint_.empty()) {
      text_.append(",\"checkpoint\":{");
      bool first = true;
      for (const auto &[key, value] : checkpoint_) {
        if (!first) text_.push_back(',');
        first = false;
        appendJsonString(text_, key);
        text_.push_back(':');
        if (value) {
          appendJsonString(text_, *value);
        } else {
          text_.append("null");
        }
      }
      text_.push_back('}');
    }
    if (!items_.empty()) {
      text_.append(",\"items_done\":[");
      text_.append(items_);
      text_.push_back(']');
    }
    text_.push_back('}');
    finished_ = true;
    return text_;
  }

  /// An empty document again; keeps the memory for the next one.
  void clear() {
    text_.assign("{\"records\":[");
    json_.resume(false, 1);
    items_.clear();
    checkpoint_.clear();
    pageCheckpoint_.clear();
    records_ = 0;
    finished_ = false;
    page_ = {json_.mark(), 0, 0};
  }

 private:
  using Checkpoint = std::vector<std::pair<std::string, std::optional<std::string>>>;
  struct PageStart {
    JsonWriter::Mark json;
    size_t records;
    size_t items;
  };

  std::string text_;
  JsonWriter json_;
  std::string items_;  // the items_done array's inside, as JSON
  Checkpoint checkpoint_;
  Checkpoint pageCheckpoint_;
  size_t records_ = 0;
  bool finished_ = false;
  PageStart page_{};
};

}  // namespace encore
