// An error answered as JSON: {"error": {"code", "message", "fields"?}}.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace encore {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string &message,
           nlohmann::json fields = nullptr)
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        fields_(std::move(fields)) {}

  int status() const { return status_; }
  const std::string &code() const { return code_; }
  const nlohmann::json &fields() const { return fields_; }
  nlohmann::json body() const;

 private:
  int status_;
  std::string code_;
  nlohmann::json fields_;
};

nlohmann::json errorBody(const std::string &code, const std::string &message,
                         const nlohmann::json &fields = nullptr);

}  // namespace encore
