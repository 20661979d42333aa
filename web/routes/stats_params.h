// Reading stats query parameters from a request, with 400s that name the bad field.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/stats/stats_engine.h"
#include "web/request_context.h"

namespace encore {

/// range, from, to, tz, limit (1..100), min_plays (2..1000). Throws ApiError 400.
StatsParams statsParams(const RequestContext &ctx);
/// A year 2000..2099 from a path segment. Throws ApiError 400.
int64_t parseYear(const std::string &text);

}  // namespace encore
