#include "web/routes/stats_params.h"

#include <charconv>

#include "web/api_error.h"

namespace encore {
namespace {

int64_t boundedInt(const RequestContext &ctx, const char *name, int64_t fallback, int64_t lo,
                   int64_t hi) {
  auto text = ctx.query(name);
  if (!text || text->empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < lo || value > hi) {
    std::string message =
        "expected an integer between " + std::to_string(lo) + " and " + std::to_string(hi);
    throw ApiError(400, "invalid_query", std::string(name) + ": " + message, {{name, message}});
  }
  return value;
}

}  // namespace

StatsParams statsParams(const RequestContext &ctx) {
  StatsParams p;
  p.range.range = ctx.query("range");
  p.range.from = ctx.query("from");
  p.range.to = ctx.query("to");
  p.range.tz = ctx.query("tz");
  p.limit = static_cast<size_t>(boundedInt(ctx, "limit", 10, 1, 100));
  p.minPlays = static_cast<uint32_t>(boundedInt(ctx, "min_plays", 5, 2, 1000));
  return p;
}

int64_t parseYear(const std::string &text) {
  int64_t year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size() || year < 2000 || year > 2099) {
    throw ApiError(400, "invalid_query", "expected a year between 2000 and 2099",
                   {{"year", "expected a year between 2000 and 2099"}});
  }
  return year;
}

}  // namespace encore
