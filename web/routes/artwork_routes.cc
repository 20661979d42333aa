// GET /artwork/{plugin}/{kind}/{id}.webp serves the cached WebP files; the id is checked
// against a strict pattern before any path is built, so no request reaches outside the
// artwork folder. GET /api/artwork shows the cache's state, GET /api/artwork/errors the
// latest per-entity failures.
#include "web/routes/artwork_routes.h"

#include <Poco/StringTokenizer.h>

#include <ostream>

#include "artwork/artwork_settings.h"
#include "daemon/core/time_format.h"
#include "daemon/http/http_service.h"
#include "web/api_error.h"

namespace encore {
namespace {

/// Browsers may keep a cover a day without asking; after that a 304 is cheap.
constexpr const char *kCacheControl = "public, max-age=86400";

nlohmann::json isoOrNull(int64_t ms) {
  return ms > 0 ? nlohmann::json(formatIsoUtc(ms)) : nlohmann::json(nullptr);
}

/// True when the If-None-Match header lists `etag` (or is "*").
bool matchesIfNoneMatch(const std::string &header, const std::string &etag) {
  Poco::StringTokenizer tags(header, ",", Poco::StringTokenizer::TOK_TRIM);
  for (const auto &tag : tags) {
    std::string t = tag.rfind("W/", 0) == 0 ? tag.substr(2) : tag;
    if (t == "*" || t == etag) return true;
  }
  return false;
}

ArtworkKey keyOf(const RequestContext &ctx) {
  const std::string &source = ctx.param("plugin");
  const std::string &kind = ctx.param("kind");
  auto id = idOfFileName(ctx.param("file"));
  if (!validSourceName(source) || kindOfFolder(kind) == nullptr || !id) {
    throw ApiError(400, "invalid_artwork_path",
                   "expected /artwork/<plugin>/<artists|albums|playlists>/<id>.webp with an id of "
                   "letters, digits, '_' and '-'");
  }
  return {source, kind, *id};
}

void serveFile(RequestContext &ctx, const ArtworkCache &cache) {
  const ArtworkKey key = keyOf(ctx);
  auto file = cache.files().read(key);
  if (!file) throw ApiError(404, "not_found", "no cached image for " + key.display());
  auto &response = ctx.response();
  response.set("ETag", file->etag);
  response.set("Cache-Control", kCacheControl);
  response.set("X-Content-Type-Options", "nosniff");
  if (ctx.request().has("If-None-Match") &&
      matchesIfNoneMatch(ctx.request().get("If-None-Match"), file->etag)) {
    response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
    response.setContentLength(0);
    response.send();
    return;
  }
  response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("image/webp");
  response.setContentLength64(static_cast<Poco::UInt64>(file->content.size()));
  std::ostream &out = response.send();
  if (ctx.method() != "HEAD") {
    out.write(file->content.data(), static_cast<std::streamsize>(file->content.size()));
  }
}

nlohmann::json usageJson(const KindUsage &u) {
  return {{"count", u.count}, {"bytes", u.bytes}, {"pending", u.pending}, {"failed", u.failed}};
}

nlohmann::json statusJson(ArtworkCache &cache) {
  auto status = cache.status();
  nlohmann::json sources = nlohmann::json::array();
  for (const auto &source : cache.table().sources()) {
    auto usage = cache.table().usage(source);
    nlohmann::json entry = {{"source", source},
                            {"download_images", downloadsEnabled(cache.settings(), source)}};
    for (const auto &kind : kArtworkKinds) entry[kind.folder] = usageJson(usage[kind.folder]);
    sources.push_back(std::move(entry));
  }
  nlohmann::json gc = nullptr;
  if (status.lastGc) {
    const auto &r = *status.lastGc;
    gc = {{"ran_at", isoOrNull(r.ranAtMs)},
          {"orphan_rows", r.orphanRows},
          {"orphan_files", r.orphanFiles},
          {"temp_files", r.tempFiles},
          {"missing_files", r.missingFiles}};
  }
  return {{"workers", status.workers},
          {"queued", status.queued},
          {"in_progress", status.inProgress},
          {"imaging",
           {{"loaded", status.imagingLoaded},
            {"error", status.imagingError.empty() ? nlohmann::json(nullptr)
                                                  : nlohmann::json(status.imagingError)}}},
          {"last_gc", gc},
          {"sources", sources}};
}

nlohmann::json errorsJson(ArtworkCache &cache, const RequestContext &ctx) {
  std::string source = ctx.query("source").value_or("");
  if (!source.empty() && !validSourceName(source)) {
    throw ApiError(400, "invalid_source", "source must be a plugin id");
  }
  int64_t limit = 50;
  if (auto text = ctx.query("limit")) {
    try {
      limit = std::stoll(*text);
    } catch (const std::exception &) {
      limit = 0;
    }
    if (limit < 1 || limit > 1000) throw ApiError(400, "invalid_limit", "limit must be 1 to 1000");
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto &e : cache.table().recentErrors(source, limit)) {
    list.push_back({{"source", e.key.source},
                    {"kind", e.key.kind},
                    {"id", e.key.id},
                    {"url", redactUrl(e.url)},
                    {"error", e.error},
                    {"permanent", e.permanent},
                    {"at", isoOrNull(e.atMs)},
                    {"attempts", e.attempts},
                    {"retry_at", isoOrNull(e.retryAtMs)}});
  }
  return {{"errors", list}};
}

}  // namespace

void addArtworkRoutes(Router &router, ArtworkCache &cache) {
  router.add("GET", "/artwork/{plugin}/{kind}/{file}",
             [&cache](RequestContext &ctx) { serveFile(ctx, cache); });
  router.add("GET", "/api/artwork",
             [&cache](RequestContext &ctx) { ctx.sendJson(200, statusJson(cache)); });
  router.add("GET", "/api/artwork/errors",
             [&cache](RequestContext &ctx) { ctx.sendJson(200, errorsJson(cache, ctx)); });
}

}  // namespace encore
