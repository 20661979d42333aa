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

std::optional<ArtworkKey> keyOfServedPath(std::string_view path) {
  constexpr std::string_view kPrefix = "/artwork/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  path.remove_prefix(kPrefix.size());
  const size_t slash1 = path.find('/');
  const size_t slash2 = slash1 == std::string_view::npos ? slash1 : path.find('/', slash1 + 1);
  if (slash2 == std::string_view::npos) return std::nullopt;
  const std::string_view source = path.substr(0, slash1);
  const std::string_view kind = path.substr(slash1 + 1, slash2 - slash1 - 1);
  auto id = idOfFileName(path.substr(slash2 + 1));
  if (!validSourceName(source) || kindOfFolder(kind) == nullptr || !id) return std::nullopt;
  return ArtworkKey{std::string(source), std::string(kind), *id};
}

}  // namespace encore
