#include "imports/export_files.h"

#include <zlib.h>

#include <cstdio>
#include <ctime>

namespace encore::test {
namespace {

std::string isoUtc(int64_t seconds) {
  time_t t = static_cast<time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

std::string base62Id(int64_t n) {
  static const char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string id(22, '0');
  for (int i = 21; i >= 0 && n > 0; --i, n /= 62) id[static_cast<size_t>(i)] = kDigits[n % 62];
  return id;
}

void put32(std::string &s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>(v >> (8 * i)));
}
void put16(std::string &s, uint16_t v) {
  s.push_back(static_cast<char>(v));
  s.push_back(static_cast<char>(v >> 8));
}

}  // namespace

GeneratedPlay generatedPlay(int64_t i) {
  int64_t track = (i * 7919) % 6000;
  int64_t artist = track % 300;
  GeneratedPlay p;
  p.msPlayed = i % 25 == 0 ? 12'000 : 90'000 + (track * 37) % 150'000;
  p.endMs = (1'451'606'400 + i * 241) * 1000 + p.msPlayed % 1000;
  p.track = "Song " + std::to_string(track);
  p.artist = "Artist " + std::to_string(artist);
  p.album = "Album " + std::to_string(artist) + "-" + std::to_string(track % 12);
  p.uri = "spotify:track:" + base62Id(track + 1);
  return p;
}

namespace {

/// Entry i of the generated history, as Spotify writes it, without a separator.
void appendExtendedEntry(std::string &out, int64_t i, bool genB) {
  GeneratedPlay p = generatedPlay(i);
  const bool podcast = i % 40 == 0;
  auto str = [](const std::string &s) { return "\"" + s + "\""; };
  out += "  {\n    \"ts\": \"" + isoUtc(p.endMs / 1000) + "\",\n";
  if (!genB) out += "    \"username\": \"0000000000\",\n";
  out += "    \"platform\": \"android\",\n    \"ms_played\": " + std::to_string(p.msPlayed) +
         ",\n    \"conn_country\": \"DE\",\n";
  out += genB ? "    \"ip_addr\": \"0.0.0.0\",\n"
              : "    \"ip_addr_decrypted\": \"0.0.0.0\",\n    \"user_agent_decrypted\": "
                "\"unknown\",\n";
  out += "    \"master_metadata_track_name\": " + (podcast ? "null" : str(p.track)) + ",\n";
  out += "    \"master_metadata_album_artist_name\": " + (podcast ? "null" : str(p.artist)) + ",\n";
  out += "    \"master_metadata_album_album_name\": " + (podcast ? "null" : str(p.album)) + ",\n";
  out += "    \"spotify_track_uri\": " + (podcast ? "null" : str(p.uri)) + ",\n";
  out +=
      "    \"episode_name\": " + (podcast ? str("Episode " + std::to_string(i)) : "null") + ",\n";
  out += "    \"episode_show_name\": " + (podcast ? str("Show") : "null") + ",\n";
  out +=
      "    \"spotify_episode_uri\": " + (podcast ? str("spotify:episode:" + base62Id(i)) : "null") +
      ",\n";
  if (genB) {
    out +=
        "    \"audiobook_title\": null,\n    \"audiobook_uri\": null,\n"
        "    \"audiobook_chapter_uri\": null,\n    \"audiobook_chapter_title\": null,\n";
  }
  out +=
      "    \"reason_start\": \"trackdone\",\n    \"reason_end\": \"trackdone\",\n"
      "    \"shuffle\": false,\n    \"skipped\": " +
      std::string(genB ? "false" : "null") +
      ",\n    \"offline\": false,\n    \"offline_timestamp\": " +
      std::to_string(genB ? p.endMs / 1000 : p.endMs) + ",\n    \"incognito_mode\": false\n  }";
}

}  // namespace

std::string extendedHistoryJson(int64_t first, int64_t count, bool genB) {
  std::string out = "[\n";
  for (int64_t i = first; i < first + count; ++i) {
    appendExtendedEntry(out, i, genB);
    out += i + 1 < first + count ? ",\n" : "\n";
  }
  return out + "]\n";
}

void writeExtendedHistory(std::ostream &out, int64_t count, bool genB) {
  out << "[\n";
  std::string chunk;
  for (int64_t i = 0; i < count; ++i) {
    appendExtendedEntry(chunk, i, genB);
    chunk += i + 1 < count ? ",\n" : "\n";
    if (chunk.size() > (1u << 20) || i + 1 == count) {
      out << chunk;
      chunk.clear();
    }
  }
  out << "]\n";
}

std::string zipArchive(const std::vector<std::pair<std::string, std::string>> &entries,
                       bool compress) {
  std::string out, directory;
  for (const auto &[name, content] : entries) {
    std::string data = content;
    if (compress) {
      z_stream z{};
      deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
      data.resize(deflateBound(&z, content.size()));
      z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(content.data()));
      z.avail_in = static_cast<uInt>(content.size());
      z.next_out = reinterpret_cast<Bytef *>(data.data());
      z.avail_out = static_cast<uInt>(data.size());
      deflate(&z, Z_FINISH);
      data.resize(z.total_out);
      deflateEnd(&z);
    }
    uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef *>(content.data()),
                                               static_cast<uInt>(content.size())));
    const uint32_t offset = static_cast<uint32_t>(out.size());
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);
    put16(out, compress ? 8 : 0);
    put16(out, 0);
    put16(out, 0);
    put32(out, crc);
    put32(out, static_cast<uint32_t>(data.size()));
    put32(out, static_cast<uint32_t>(content.size()));
    put16(out, static_cast<uint16_t>(name.size()));
    put16(out, 0);
    out += name + data;
    put32(directory, 0x02014b50);
    put16(directory, 20);
    put16(directory, 20);
    put16(directory, 0);
    put16(directory, compress ? 8 : 0);
    put16(directory, 0);
    put16(directory, 0);
    put32(directory, crc);
    put32(directory, static_cast<uint32_t>(data.size()));
    put32(directory, static_cast<uint32_t>(content.size()));
    put16(directory, static_cast<uint16_t>(name.size()));
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0);
    put32(directory, 0);
    put32(directory, offset);
    directory += name;
  }
  const uint32_t cdOffset = static_cast<uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint16_t>(entries.size()));
  put16(out, static_cast<uint16_t>(entries.size()));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, cdOffset);
  put16(out, 0);
  return out;
}

}  // namespace encore::test
