// Garbage collection at start-up, before any worker writes: what a crash, a removal
// missed while the daemon was down, or a hand-deleted file left behind.
//  - rows whose entity is gone: the row and its file go;
//  - temp files (".<id>.webp.<n>.tmp"): a write that never finished;
//  - "<id>.webp" files the table does not know: orphans;
//  - rows whose file is missing from disk: marked so the image is fetched again.
// Files with other names are not the cache's and are left alone.
#pragma once

#include <cstdint>

#include "artwork/artwork_files.h"
#include "artwork/artwork_table.h"

namespace encore {

struct GcReport {
  int64_t ranAtMs = 0;
  int64_t orphanRows = 0;    // rows (and their files) of removed entities
  int64_t orphanFiles = 0;   // files no row accounts for
  int64_t tempFiles = 0;     // unfinished writes
  int64_t missingFiles = 0;  // rows whose file had disappeared
};

GcReport collectArtworkGarbage(ArtworkTable &table, const ArtworkFiles &files, int64_t nowMs);

}  // namespace encore
