// Importer of Last.fm scrobble exports as CSV, in the two layouts found in the wild:
//  - "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid", with a header;
//  - artist,album,track,date without a header (benjaminbenben.com's lastfm-to-csv), the
//    date as "22 May 2014 20:11" or "22 May 2014, 20:11", UTC.
// Plays are stored with source "lastfm-csv"; a scrobble's time is when the track started.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "encore/host.hpp"

namespace lastfm {

int32_t probeScrobbleCsv(const std::string &fileName, const std::string &head);
/// Throws encore::Error, saying why, when the file cannot be imported.
void runScrobbleCsv(const encore::Host &host, encore_run *run);

/// "22 May 2014 20:11" or "22 May 2014, 20:11" (UTC) as Unix seconds.
std::optional<int64_t> parseLastfmDate(const std::string &text);

}  // namespace lastfm
