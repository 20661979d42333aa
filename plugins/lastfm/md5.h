// MD5 (RFC 1321), for Last.fm's api_sig: the API specifies it, nothing here relies on it
// for security.
#pragma once

#include <string>
#include <string_view>

namespace lastfm {

/// The lower-case hex MD5 of `data`.
std::string md5Hex(std::string_view data);

}  // namespace lastfm
