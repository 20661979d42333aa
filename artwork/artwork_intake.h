// Turns what the record store reports into the images entities want: the best URL of
// each artist, album and playlist that came with images.
#pragma once

#include <vector>

#include "artwork/artwork_table.h"
#include "daemon/records/entity_writer.h"
#include "daemon/store/store.h"

namespace encore {

/// Entities stored by a page: those of an artwork kind whose record carried images. An
/// empty list means "no image any more".
std::vector<WantedImage> wantedImagesOf(const std::vector<StoredEntity> &entities);

/// Keys of removed entities of an artwork kind.
std::vector<ArtworkKey> artworkKeysOf(const std::vector<StoredEntity> &entities);

/// At start-up: entities whose best image differs from what the table wants -- pages
/// stored while the cache could not hear them (a crash between a commit and the queue, a
/// database from before the cache existed).
std::vector<WantedImage> wantedImagesMissingFromTable(Store &store);

}  // namespace encore
