// The host side of one sink push: the document handed to the plugin and the result it
// sets, checked before the host trusts it.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/plugin_host/run_context.h"

namespace encore {

class SinkDocument : public SinkExchange {
 public:
  explicit SinkDocument(std::string document) : document_(std::move(document)) {}
  const std::string &document() const override { return document_; }
  void setResult(std::string json) override { result_ = std::move(json); }
  const std::optional<std::string> &rawResult() const { return result_; }

  /// The result as {"external_id": "<1..256 bytes, no spaces>", "url"?: string,
  /// "tracks"?: integer}; false with `error` otherwise.
  bool validResult(nlohmann::json &out, std::string &error) const;

 private:
  std::string document_;
  std::optional<std::string> result_;
};

/// A string field of a result, or nullopt.
std::optional<std::string> optionalText(const nlohmann::json &object, const char *key);
std::optional<int64_t> optionalInt(const nlohmann::json &object, const char *key);

}  // namespace encore
