#include "daemon/playlists/sink_document.h"

#include <algorithm>

namespace encore {

bool SinkDocument::validResult(nlohmann::json &out, std::string &error) const {
  if (!result_) {
    error = "no result was set";
    return false;
  }
  out = nlohmann::json::parse(*result_, nullptr, false);
  if (!out.is_object()) {
    error = "the result is not a JSON object";
    return false;
  }
  auto id = out.find("external_id");
  if (id == out.end() || !id->is_string() || id->get_ref<const std::string &>().empty() ||
      id->get_ref<const std::string &>().size() > 256) {
    error = "external_id must be a string of 1 to 256 bytes";
    return false;
  }
  const auto &text = id->get_ref<const std::string &>();
  if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= ' '; })) {
    error = "external_id must not contain spaces or control characters";
    return false;
  }
  auto url = out.find("url");
  if (url != out.end() && !url->is_null() &&
      (!url->is_string() || url->get_ref<const std::string &>().size() > 2048)) {
    error = "url must be a string of at most 2048 bytes";
    return false;
  }
  auto tracks = out.find("tracks");
  if (tracks != out.end() && !tracks->is_null() && !tracks->is_number_integer()) {
    error = "tracks must be an integer";
    return false;
  }
  return true;
}

std::optional<std::string> optionalText(const nlohmann::json &object, const char *key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int64_t> optionalInt(const nlohmann::json &object, const char *key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

}  // namespace encore
