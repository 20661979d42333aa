#include "artwork/artwork_maker.h"

#include <Poco/Logger.h>

#include "artwork/artwork_settings.h"
#include "artwork/image_format.h"
#include "artwork/retry_policy.h"
#include "daemon/http/http_service.h"

namespace encore {

ArtworkResult ArtworkMaker::failure(const ArtworkKey &key, const std::string &url, int64_t attempts,
                                    bool permanent, const std::string &error) const {
  Poco::Logger::get("artwork").information("%s: %s (%s)", key.display(), error, redactUrl(url));
  return {key,
          url,
          false,
          0,
          {error, permanent, retryAtAfterFailure(clock_.nowMs(), permanent, attempts)}};
}

ArtworkMaker::Made ArtworkMaker::make(const ArtworkKey &key, const CancelToken *token) {
  auto row = table_.find(key);
  if (!row || !row->url || row->url == row->fileUrl) return {};
  if (!downloadsEnabled(settings_, key.source)) return {};
  const std::string url = *row->url;
  const ArtworkKind *kind = kindOfFolder(key.kind);
  if (kind == nullptr || !validSourceName(key.source) || !validArtworkId(key.id)) {
    return {std::nullopt,
            failure(key, url, row->attempts, true,
                    "the id cannot be a file name (allowed: letters, digits, '_' and '-', at "
                    "most 128)")};
  }

  FetchResult fetched = fetcher_.fetch(url, row->attempts, token);
  if (fetched.cancelled) return {};
  if (!fetched.ok) {
    Poco::Logger::get("artwork").information("%s: %s (%s)", key.display(), fetched.failure.error,
                                             redactUrl(url));
    return {std::nullopt, ArtworkResult{key, url, false, 0, fetched.failure}};
  }
  if (sniffImageFormat(fetched.body) == ImageFormat::Unknown) {
    return {std::nullopt, failure(key, url, row->attempts, true,
                                  "not an image: the response is " +
                                      describeNonImage(fetched.body, fetched.contentType))};
  }

  ImageTranscoder *transcoder = imaging_.get();
  if (transcoder == nullptr) {
    return {std::nullopt, failure(key, url, row->attempts, false, imaging_.error())};
  }
  const int quality = static_cast<int>(settings_.intValue(kArtworkQualityKey));
  TranscodeResult made = transcoder->transcode(fetched.body, kind->size, kind->size, quality);
  fetched.body.clear();
  fetched.body.shrink_to_fit();
  if (!made.ok) return {std::nullopt, failure(key, url, row->attempts, true, made.error)};
  return {MadeImage{key, url, std::move(made.webp), row->attempts}, std::nullopt};
}

std::optional<ArtworkResult> ArtworkMaker::publish(const MadeImage &image) {
  const ArtworkKey &key = image.key;
  const std::string &url = image.url;
  // Written and flushed outside the lock: only the check and the rename are in it.
  StagedFile staged = files_.stage(key, image.webp);
  if (!staged.ok()) return failure(key, url, image.attempts, false, staged.error);
  std::lock_guard<std::mutex> lock(publishMutex_);
  if (!table_.find(key)) {
    // The entity was removed while its image was being made.
    files_.discard(staged);
    return std::nullopt;
  }
  if (auto error = files_.publish(staged, key); !error.empty()) {
    return failure(key, url, image.attempts, false, error);
  }
  return ArtworkResult{key, url, true, staged.bytes, {}};
}

}  // namespace encore
