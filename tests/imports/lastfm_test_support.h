// What the Last.fm tests share: a daemon set up against the fake Last.fm, its workers, and
// the scrobbles it stored, read straight from its database.
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fakes/lastfm/fake_lastfm.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {

/// The first column of the first row of `sql` as an integer, -1 when there is none.
int64_t scalar(const std::string &dbPath, const std::string &sql);

/// The real lastfm.so against `fake`, data in `<dir>/data`, the request limit raised and
/// the backoff shortened for tests.
DaemonProcess::Options lastfmDaemonOptions(const TempDir &dir, const FakeLastfm &fake);

/// The scrobbles job has run and is not running now.
bool scrobblesRunFinished(const DaemonProcess &daemon);

/// (start, artist, title) of a play or scrobble, to compare what was stored with what
/// Last.fm holds.
using ListenedTrack = std::tuple<int64_t, std::string, std::string>;
/// Every play in the database, sorted.
std::vector<ListenedTrack> storedPlays(const std::string &dbPath);
/// Every scrobble the fake holds, sorted.
std::vector<ListenedTrack> scrobblesOf(const FakeLastfm &fake);
/// Every scrobble `fake` holds is stored once, and nothing else: else how many are
/// missing or extra, with the first few of each.
::testing::AssertionResult storedExactly(const std::string &dbPath, const FakeLastfm &fake);

}  // namespace encore::test
