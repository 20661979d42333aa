#include "artwork/artwork_key.h"

namespace encore {
namespace {

bool isLowerOrDigit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

}  // namespace

const ArtworkKind *kindOfEntityType(std::string_view entityType) {
  for (const auto &kind : kArtworkKinds) {
    if (entityType == kind.entityType) return &kind;
  }
  return nullptr;
}

const ArtworkKind *kindOfFolder(std::string_view folder) {
  for (const auto &kind : kArtworkKinds) {
    if (folder == kind.folder) return &kind;
  }
  return nullptr;
}

bool validSourceName(std::string_view source) {
  if (source.empty() || source.size() > 32) return false;
  if (source.front() < 'a' || source.front() > 'z') return false;
  for (char c : source) {
    if (!isLowerOrDigit(c) && c != '_') return false;
  }
  return true;
}

bool validArtworkId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!isIdChar(c)) return false;
  }
  return true;
}

std::optional<std::string> idOfFileName(std::string_view fileName) {
  constexpr std::string_view kSuffix = ".webp";
  if (fileName.size() <= kSuffix.size() || !fileName.ends_with(kSuffix)) return std::nullopt;
  std::string_view id = fileName.substr(0, fileName.size() - kSuffix.size());
  if (!validArtworkId(id)) return std::nullopt;
  return std::string(id);
}

}  // namespace encore
