#include "artwork/best_image.h"

#include <nlohmann/json.hpp>

namespace encore {
namespace {

struct Candidate {
  std::string url;
  int64_t width = 0;   // 0: unknown
  int64_t height = 0;  // 0: unknown

  bool sized() const { return width > 0 && height > 0; }
  int64_t shorterSide() const { return std::min(width, height); }
};

std::optional<Candidate> readCandidate(const nlohmann::json &image) {
  if (!image.is_object()) return std::nullopt;
  auto url = image.find("url");
  if (url == image.end() || !url->is_string() || url->get_ref<const std::string &>().empty()) {
    return std::nullopt;
  }
  Candidate c;
  c.url = url->get<std::string>();
  auto dimension = [&](const char *key) -> int64_t {
    auto it = image.find(key);
    return it != image.end() && it->is_number_integer() ? std::max<int64_t>(0, it->get<int64_t>())
                                                        : 0;
  };
  c.width = dimension("width");
  c.height = dimension("height");
  return c;
}

}  // namespace

std::optional<std::string> pickBestImage(std::string_view imagesJson, int targetSize) {
  auto images = nlohmann::json::parse(imagesJson, nullptr, false);
  if (!images.is_array()) return std::nullopt;
  const Candidate *bigEnough = nullptr;
  const Candidate *unknown = nullptr;
  const Candidate *largest = nullptr;
  std::vector<Candidate> candidates;
  candidates.reserve(images.size());
  for (const auto &image : images) {
    if (auto c = readCandidate(image)) candidates.push_back(std::move(*c));
  }
  for (const auto &c : candidates) {
    if (!c.sized()) {
      if (unknown == nullptr) unknown = &c;
      continue;
    }
    if (c.shorterSide() >= targetSize &&
        (bigEnough == nullptr || c.shorterSide() < bigEnough->shorterSide())) {
      bigEnough = &c;
    }
    if (largest == nullptr || c.shorterSide() > largest->shorterSide()) largest = &c;
  }
  if (bigEnough != nullptr) return bigEnough->url;
  if (unknown != nullptr) return unknown->url;
  if (largest != nullptr) return largest->url;
  return std::nullopt;
}

}  // namespace encore
