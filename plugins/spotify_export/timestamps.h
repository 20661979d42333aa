// The export's timestamps: "2018-07-10T06:58:55Z" (extended history), the same with a space
// and no zone (some re-exports), and "2018-07-10 06:58" (account data). All UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace spotify_export {

/// Unix seconds, or nullopt when `text` is none of the accepted forms. `minutePrecision`
/// tells whether the seconds were missing.
std::optional<int64_t> parseUtc(std::string_view text, bool *minutePrecision = nullptr);

}  // namespace spotify_export
