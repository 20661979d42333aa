// Spotify Web API objects rendered from the fake library, in the shapes of the real
// answers (tests/fixtures/spotify holds real ones; fake_format_test checks the match).
// `base` is the fake's own URL, so `href` and `next` links point back at it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_library.h"
#include "fields_filter.h"

namespace encore::fake {

using Json = nlohmann::json;

Json artistObject(const std::string &base, const FakeArtist &artist);  // full
Json simplifiedArtist(const std::string &base, const FakeArtist &artist);
Json simplifiedAlbum(const std::string &base, const FakeLibrary &lib, const FakeAlbum &album);
Json fullAlbum(const std::string &base, const FakeLibrary &lib, const FakeAlbum &album);
Json trackObject(const std::string &base, const FakeLibrary &lib, const FakeTrack &track);
Json playlistObject(const std::string &base, const FakeLibrary &lib, const FakePlaylist &playlist);
Json playlistEntry(const std::string &base, const FakeLibrary &lib, const FakeEntry &entry);
Json userObject(const std::string &base, const FakeLibrary &lib);

/// {href, items, limit, next, offset, previous, total}; `path` is the page's path and
/// query without offset/limit (e.g. "/v1/me/tracks?").
Json offsetPage(const std::string &base, const std::string &path, Json items, int64_t offset,
                int64_t limit, int64_t total);

/// The same page with items given as JSON text: pages of thousands of entries are
/// assembled from cached item text instead of being rendered again. With `fields`, only
/// the members it names are kept (the items are expected to be filtered already).
std::string offsetPageText(const std::string &base, const std::string &path,
                           const std::vector<std::string> &items, int64_t offset, int64_t limit,
                           int64_t total, const FieldTree *fields = nullptr);

/// {"error": {"status", "message"}}
Json errorObject(int status, const std::string &message);

}  // namespace encore::fake
