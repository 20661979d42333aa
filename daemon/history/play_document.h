// A records document of nothing but plays, read straight from its text: an import submits
// pages of tens of thousands of plays, and building a JSON tree of each page cost more than
// storing it. Only a document the generic path would accept as it stands is read here; for
// any other (another record type, an invalid value, a syntax this reader does not take)
// the answer is nullopt and the generic path reads it and reports the problem, so errors
// are the same whichever path a document takes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/history/play_input.h"

namespace encore {

struct PlayDocument {
  std::vector<PlayInput> plays;
  std::optional<std::string> checkpoint;  // raw JSON text, when present
  std::optional<std::string> itemsDone;
};

/// `defaultSource` (the plugin id) stands in for an absent "source"; `nowMs` bounds
/// started_at (play_input.h).
std::optional<PlayDocument> readPlayDocument(std::string_view json,
                                             const std::string &defaultSource, int64_t nowMs);

}  // namespace encore
