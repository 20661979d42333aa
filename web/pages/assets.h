// The CSS and JS of the pages, compiled into the binary from web/assets.
#pragma once

#include <string_view>
#include <vector>

namespace encore {

struct Asset {
  std::string_view name;  // "app.css"
  std::string_view contentType;
  std::string_view body;
};

const std::vector<Asset> &embeddedAssets();

}  // namespace encore
