#include "web/api_error.h"

namespace encore {

nlohmann::json errorBody(const std::string &code, const std::string &message,
                         const nlohmann::json &fields) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!fields.is_null()) error["fields"] = fields;
  return {{"error", std::move(error)}};
}

nlohmann::json ApiError::body() const {
  return errorBody(code_, what(), fields_);
}

}  // namespace encore
