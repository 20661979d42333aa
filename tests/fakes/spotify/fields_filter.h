// Spotify's `fields` query parameter on the playlist endpoints: "a,b.c,d(e,f(g))" keeps
// only those members (parentheses apply to every element of an array or to an object's
// members, dots to one nested object). Exclusions ("!a") are not supported here.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace encore::fake {

struct FieldTree {
  std::map<std::string, std::unique_ptr<FieldTree>> children;  // empty: keep the whole value
};

/// nullopt when `spec` is malformed (Spotify answers 400 then).
std::optional<FieldTree> parseFields(const std::string &spec);

/// Keeps what `tree` names of `value` (arrays element by element).
nlohmann::json applyFields(const nlohmann::json &value, const FieldTree &tree);

}  // namespace encore::fake
