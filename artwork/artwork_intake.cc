#include "artwork/artwork_intake.h"

#include "artwork/best_image.h"

namespace encore {

std::vector<WantedImage> wantedImagesOf(const std::vector<StoredEntity> &entities) {
  std::vector<WantedImage> out;
  for (const auto &e : entities) {
    if (!e.images) continue;  // the record said nothing about images: keep what is there
    const ArtworkKind *kind = kindOfEntityType(e.type);
    if (kind == nullptr) continue;
    out.push_back({{e.source, kind->folder, e.externalId}, pickBestImage(*e.images, kind->size)});
  }
  return out;
}

std::vector<ArtworkKey> artworkKeysOf(const std::vector<StoredEntity> &entities) {
  std::vector<ArtworkKey> out;
  for (const auto &e : entities) {
    if (const ArtworkKind *kind = kindOfEntityType(e.type)) {
      out.push_back({e.source, kind->folder, e.externalId});
    }
  }
  return out;
}

std::vector<WantedImage> wantedImagesMissingFromTable(Store &store) {
  return store.read([](Database &db) {
    std::vector<WantedImage> out;
    for (const auto &kind : kArtworkKinds) {
      // The folder names are the entity tables' names; both come from kArtworkKinds.
      auto q = db.prepare(std::string("SELECT e.source, e.external_id, e.images, w.url FROM ") +
                          kind.folder +
                          " e LEFT JOIN artwork w ON w.source = e.source AND w.kind = ?"
                          " AND w.external_id = e.external_id WHERE e.images IS NOT NULL");
      q->bind(kind.folder);
      while (q->step()) {
        auto best = pickBestImage(q->text(2), kind.size);
        auto current = q->optText(3);
        if (best == current) continue;
        if (!best && q->isNull(3)) continue;  // no image, and no row to drop
        out.push_back({{q->text(0), kind.folder, q->text(1)}, best});
      }
    }
    return out;
  });
}

}  // namespace encore
