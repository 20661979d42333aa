// The whole listening history in memory, compactly: 12 bytes per play, sorted by start,
// plus per-track links to artist and album and the first time each was heard. Every stats
// query scans a slice of it instead of asking SQLite to aggregate a million rows; see
// docs/STATS.md for why and for what it costs.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace encore {

class Store;
class Database;

/// One play. Tracks are dense indices into the index's track tables, not database ids.
struct IndexedPlay {
  uint32_t startedAt;  // Unix seconds, UTC (fits until 2106)
  uint32_t msPlayed;
  uint32_t track;
};

/// The data a query reads; stable while a PlayIndex::Reader holds it.
struct PlayData {
  static constexpr uint32_t kNone = UINT32_MAX;

  std::vector<IndexedPlay> plays;        // ascending startedAt, then play id
  std::vector<int64_t> trackDbId;        // dense track -> music_tracks.id
  std::vector<uint32_t> trackArtist;     // dense track -> dense artist
  std::vector<uint32_t> trackAlbum;      // dense track -> dense album, or kNone
  std::vector<uint32_t> trackFirstPlay;  // dense track -> earliest start (UTC s), 0 none
  std::vector<uint8_t> trackHasUri;      // 1 when the track has a Spotify URI
  std::vector<int64_t> artistDbId;
  std::vector<uint32_t> artistFirstPlay;
  std::vector<int64_t> albumDbId;
  /// Popularity 0..100 per dense track (kUnknownPopularity when no signal) and where it
  /// came from: 't' track, 'a' artist, 'f' artist followers, 0 none.
  static constexpr uint8_t kUnknownPopularity = 255;
  std::vector<uint8_t> trackPopularity;
  std::vector<char> trackPopularitySource;

  /// Index of the first play starting at or after `utcSeconds`.
  size_t lowerBound(int64_t utcSeconds) const;
};

class PlayIndex {
 public:
  /// A shared hold on the data: queries run while refreshes wait.
  class Reader {
   public:
    explicit Reader(const PlayIndex &index) : lock_(index.mutex_), data_(index.data_) {}
    const PlayData &operator*() const { return data_; }
    const PlayData *operator->() const { return &data_; }

   private:
    std::shared_lock<std::shared_mutex> lock_;
    const PlayData &data_;
  };

  /// `snapshotPath` (empty: none) is where the index is saved so that a restart loads it
  /// in milliseconds instead of re-reading every play; see saveSnapshot().
  PlayIndex(Store &store, std::string snapshotPath)
      : store_(store), snapshotPath_(std::move(snapshotPath)) {}

  /// Brings the index up to date with the database: appends plays added since the last
  /// refresh (any start time; they are merged in order), rebuilds after any update or
  /// delete of history (the triggers of migration 0040 count those), and reloads
  /// popularity when the library changed. Cheap when nothing changed: one small query.
  void refresh();

  Reader read() const { return Reader(*this); }

  /// Writes the index to the snapshot file (atomically: a temporary file, fsync, rename)
  /// unless the file already holds it. Refresh saves after rebuilds and large appends; the
  /// daemon also saves at shutdown.
  void saveSnapshot();

  /// Bumped whenever the data changes.
  uint64_t version() const;
  size_t memoryBytes() const;

 private:
  struct Marks {
    int64_t maxPlayId = 0;
    int64_t maxTrackId = 0;
    int64_t playsEpoch = -1;
    int64_t libraryEpoch = -1;
    // The play with id maxPlayId as the database had it: a snapshot's fingerprint.
    int64_t lastStartedAt = 0;
    int64_t lastTrackId = 0;
  };
  Marks readMarks(Database &db) const;
  /// refresh() without its locking and error handling; sets `save` when the snapshot
  /// should be written.
  void applyChanges(bool &save);
  /// Loads the snapshot if it still describes the database: same epoch, no fewer plays or
  /// tracks, and its last play unchanged. False (index untouched) otherwise.
  bool loadSnapshot(Database &db, const Marks &now);
  void writeSnapshot();  // refreshMutex_ held
  void rebuildMaps();
  /// Loads tracks, artists and albums with ids above what the staging maps know.
  void loadEntities(Database &db, PlayData &data);
  /// Appends plays with ids above `afterId` to `out`, sorted.
  void loadPlays(Database &db, int64_t afterId, PlayData &data,
                 std::vector<IndexedPlay> &out) const;
  void loadPopularity(Database &db, PlayData &data) const;
  uint32_t denseArtist(PlayData &data, int64_t dbId);
  uint32_t denseAlbum(PlayData &data, int64_t dbId);

  /// Appended plays after which the snapshot is written again (a crash then re-reads at
  /// most this many).
  static constexpr int64_t kSaveAfterRows = 50'000;

  Store &store_;
  std::string snapshotPath_;
  int64_t rowsSinceSave_ = 0;
  bool triedSnapshot_ = false;
  std::mutex refreshMutex_;  // one refresher at a time; it alone touches the maps below
  mutable std::shared_mutex mutex_;
  PlayData data_;
  Marks marks_;
  uint64_t version_ = 0;
  // The version the snapshot file holds (written or loaded); refreshMutex_ guards it.
  std::optional<uint64_t> savedVersion_;
  std::unordered_map<int64_t, uint32_t> trackDense_, artistDense_, albumDense_;
};

}  // namespace encore
