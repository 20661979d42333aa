// The play index on disk, so a restart costs a file read rather than a scan of every play.
// The file is a cache: anything unexpected in it (another format, a size that does not
// add up, an id out of range, plays out of order) or any sign the database moved on
// differently (another epoch, fewer rows) and it is ignored and the index rebuilt.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <Poco/Logger.h>

#include "daemon/stats/play_index.h"
#include "daemon/store/store.h"

namespace encore {
namespace {

constexpr char kMagic[8] = {'E', 'N', 'C', 'I', 'D', 'X', '0', '1'};
constexpr uint32_t kByteOrder = 0x01020304;
constexpr uint64_t kMaxPlays = 200'000'000, kMaxEntities = 50'000'000;

struct Header {
  char magic[8];
  uint32_t byteOrder;
  uint32_t reserved;
  int64_t maxPlayId, maxTrackId, playsEpoch, libraryEpoch, lastStartedAt, lastTrackId;
  uint64_t plays, tracks, artists, albums;
};

template <typename T>
void put(std::string &out, const std::vector<T> &v) {
  out.append(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(T));
}

template <typename T>
bool take(const std::string &in, size_t &pos, std::vector<T> &v, uint64_t n) {
  if (in.size() - pos < n * sizeof(T)) return false;
  v.resize(n);
  std::memcpy(v.data(), in.data() + pos, n * sizeof(T));
  pos += n * sizeof(T);
  return true;
}

bool consistent(const PlayData &d) {
  const size_t tracks = d.trackDbId.size(), artists = d.artistDbId.size(),
               albums = d.albumDbId.size();
  for (size_t t = 0; t < tracks; ++t) {
    if (d.trackArtist[t] >= artists) return false;
    if (d.trackAlbum[t] != PlayData::kNone && d.trackAlbum[t] >= albums) return false;
  }
  for (size_t i = 0; i < d.plays.size(); ++i) {
    if (d.plays[i].track >= tracks) return false;
    if (i > 0 && d.plays[i].startedAt < d.plays[i - 1].startedAt) return false;
  }
  return true;
}

}  // namespace

void PlayIndex::saveSnapshot() {
  std::lock_guard<std::mutex> refreshing(refreshMutex_);
  // Writing and syncing the same bytes again is not free: on a busy disk the fsync waits
  // for the journal to write out whatever else is dirty, seconds at times, and a shutdown
  // waits with it.
  std::error_code ec;
  if (savedVersion_ == version_ && std::filesystem::exists(snapshotPath_, ec)) return;
  writeSnapshot();
}

void PlayIndex::writeSnapshot() {
  if (snapshotPath_.empty()) return;
  std::string out;
  uint64_t version = 0;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    version = version_;
    const PlayData &d = data_;
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.byteOrder = kByteOrder;
    h.maxPlayId = marks_.maxPlayId;
    h.maxTrackId = marks_.maxTrackId;
    h.playsEpoch = marks_.playsEpoch;
    h.libraryEpoch = marks_.libraryEpoch;
    h.lastStartedAt = marks_.lastStartedAt;
    h.lastTrackId = marks_.lastTrackId;
    h.plays = d.plays.size();
    h.tracks = d.trackDbId.size();
    h.artists = d.artistDbId.size();
    h.albums = d.albumDbId.size();
    out.reserve(sizeof h + d.plays.size() * sizeof(IndexedPlay) + h.tracks * 24 + h.artists * 12 +
                h.albums * 8);
    out.append(reinterpret_cast<const char *>(&h), sizeof h);
    put(out, d.plays);
    put(out, d.trackDbId);
    put(out, d.trackArtist);
    put(out, d.trackAlbum);
    put(out, d.trackFirstPlay);
    put(out, d.trackHasUri);
    put(out, d.trackPopularity);
    put(out, d.trackPopularitySource);
    put(out, d.artistDbId);
    put(out, d.artistFirstPlay);
    put(out, d.albumDbId);
    rowsSinceSave_ = 0;
  }
  const std::string tmp = snapshotPath_ + ".tmp";
  FILE *f = std::fopen(tmp.c_str(), "wb");
  bool ok = f != nullptr && std::fwrite(out.data(), 1, out.size(), f) == out.size() &&
            std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  if (f != nullptr) ok = std::fclose(f) == 0 && ok;
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp, snapshotPath_, ec);
  if (ok && !ec) savedVersion_ = version;
  if (!ok || ec) {
    std::filesystem::remove(tmp, ec);
    Poco::Logger::get("stats").warning(
        "cannot write the play index snapshot %s; the next start rebuilds it", snapshotPath_);
  }
}

bool PlayIndex::loadSnapshot(Database &db, const Marks &now) {
  std::ifstream file(snapshotPath_, std::ios::binary | std::ios::ate);
  if (!file) return false;
  const auto size = static_cast<std::streamoff>(file.tellg());
  if (size < 0 || static_cast<uint64_t>(size) > kMaxPlays * 16) return false;
  std::string in(static_cast<size_t>(size), '\0');
  file.seekg(0);
  if (!file.read(in.data(), size)) return false;
  Header h{};
  if (in.size() < sizeof h) return false;
  std::memcpy(&h, in.data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.byteOrder != kByteOrder ||
      h.plays > kMaxPlays || h.tracks > kMaxEntities || h.artists > kMaxEntities ||
      h.albums > kMaxEntities) {
    return false;
  }
  // The database must have moved on only by appending since the file was written.
  if (h.playsEpoch != now.playsEpoch || h.maxPlayId > now.maxPlayId ||
      h.maxTrackId > now.maxTrackId)
    return false;
  if (h.maxPlayId > 0) {
    auto last = db.prepare("SELECT started_at, track_id FROM plays WHERE id = ?");
    last->bind(h.maxPlayId);
    if (!last->step() || last->int64(0) != h.lastStartedAt || last->int64(1) != h.lastTrackId)
      return false;
  }
  PlayData d;
  size_t pos = sizeof h;
  bool ok = take(in, pos, d.plays, h.plays) && take(in, pos, d.trackDbId, h.tracks) &&
            take(in, pos, d.trackArtist, h.tracks) && take(in, pos, d.trackAlbum, h.tracks) &&
            take(in, pos, d.trackFirstPlay, h.tracks) && take(in, pos, d.trackHasUri, h.tracks) &&
            take(in, pos, d.trackPopularity, h.tracks) &&
            take(in, pos, d.trackPopularitySource, h.tracks) &&
            take(in, pos, d.artistDbId, h.artists) && take(in, pos, d.artistFirstPlay, h.artists) &&
            take(in, pos, d.albumDbId, h.albums) && pos == in.size();
  if (!ok || !consistent(d)) return false;
  in.clear();
  in.shrink_to_fit();
  std::unique_lock<std::shared_mutex> lock(mutex_);
  data_ = std::move(d);
  marks_ = {h.maxPlayId,    h.maxTrackId,    h.playsEpoch,
            h.libraryEpoch, h.lastStartedAt, h.lastTrackId};
  rebuildMaps();
  savedVersion_ = ++version_;
  return true;
}

void PlayIndex::rebuildMaps() {
  trackDense_.clear();
  artistDense_.clear();
  albumDense_.clear();
  for (uint32_t i = 0; i < data_.trackDbId.size(); ++i) trackDense_.emplace(data_.trackDbId[i], i);
  for (uint32_t i = 0; i < data_.artistDbId.size(); ++i)
    artistDense_.emplace(data_.artistDbId[i], i);
  for (uint32_t i = 0; i < data_.albumDbId.size(); ++i) albumDense_.emplace(data_.albumDbId[i], i);
}

}  // namespace encore
