// Undoing a failed import: its plays go, and what they changed goes back.
#pragma once

#include <cstdint>

#include "daemon/store/database.h"

namespace encore {

/// Deletes the plays import `importId` stored that no other source reported (their
/// import_id is still set), restores the first-play times they moved, and deletes the
/// tracks, albums and artists left without plays. Returns the number of plays removed.
/// Call inside a write transaction.
int64_t removeImportedPlays(Database &db, int64_t importId);

}  // namespace encore
