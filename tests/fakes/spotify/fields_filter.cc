#include "fields_filter.h"

#include <cctype>

namespace encore::fake {
namespace {

class Parser {
 public:
  explicit Parser(const std::string &text) : text_(text) {}

  bool list(FieldTree &into) {
    do {
      if (!field(into)) return false;
    } while (take(','));
    return true;
  }
  bool done() const { return pos_ == text_.size(); }

 private:
  bool field(FieldTree &into) {
    std::string name;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      name += text_[pos_++];
    }
    if (name.empty()) return false;
    auto &child = into.children[name];
    if (take('.')) {
      if (!child) child = std::make_unique<FieldTree>();
      return field(*child);
    }
    if (take('(')) {
      if (!child) child = std::make_unique<FieldTree>();
      return list(*child) && take(')');
    }
    child.reset();  // the whole value
    return true;
  }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  const std::string &text_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<FieldTree> parseFields(const std::string &spec) {
  FieldTree tree;
  Parser parser(spec);
  if (!parser.list(tree) || !parser.done()) return std::nullopt;
  return tree;
}

nlohmann::json applyFields(const nlohmann::json &value, const FieldTree &tree) {
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto &element : value) out.push_back(applyFields(element, tree));
    return out;
  }
  if (!value.is_object()) return value;
  nlohmann::json out = nlohmann::json::object();
  for (const auto &[name, child] : tree.children) {
    auto it = value.find(name);
    if (it == value.end()) continue;
    out[name] = child ? applyFields(*it, *child) : *it;
  }
  return out;
}

}  // namespace encore::fake
