#include "artwork/artwork_settings.h"

#include <algorithm>
#include <thread>

namespace encore {
namespace {

constexpr const char *kToggleSuffix = ".download_images";

SettingDef intSetting(const char *key, const char *title, const char *description,
                      int64_t defaultValue, int64_t min, int64_t max) {
  SettingDef def;
  def.key = key;
  def.owner = "artwork";
  def.type = SettingType::Int;
  def.title = title;
  def.description = description;
  def.defaultValue = defaultValue;
  def.min = min;
  def.max = max;
  return def;
}

}  // namespace

void declareArtworkSettings(Settings &settings) {
  const int64_t cores = std::clamp<int64_t>(std::thread::hardware_concurrency(), 1, 16);
  settings.declare(intSetting(kArtworkQualityKey, "WebP quality",
                              "Quality of the cached WebP images, 1 (smallest) to 100 (best). "
                              "Applies to images made from now on.",
                              80, 1, 100));
  settings.declare(intSetting(kArtworkWorkersKey, "Artwork workers",
                              "How many images are downloaded and converted at once. "
                              "Default: the number of CPU cores.",
                              cores, 1, 16));
  settings.declare(intSetting(kArtworkRequestsKey, "Image host budget",
                              "At most this many image downloads per minute from any one "
                              "image host.",
                              600, 1, 60000));
}

bool downloadsEnabled(const Settings &settings, const std::string &source) {
  const std::string key = source + kToggleSuffix;
  if (!settings.has(key)) return true;
  try {
    return settings.boolValue(key);
  } catch (const std::exception &) {
    return true;  // declared with another type: not the toggle this cache knows
  }
}

bool isArtworkToggleKey(const std::string &key) {
  return key.rfind("artwork.", 0) == 0 || key.ends_with(kToggleSuffix);
}

}  // namespace encore
