#include "artwork/artwork_maker.h"

#include <Poco/Logger.h>

#include "artwork/artwork_settings.h"
#include "artwork/image_format.h"
#include "artwork/retry_policy.h"
#include "http/http_service.h"

namespace encore {

ArtworkMaker::Outcome ArtworkMaker::fail(const ArtworkKey &key, const std::string &url,
                                         int64_t attempts, bool permanent,
                                         const std::string &error) {
  const int64_t now = clock_.nowMs();
  table_.markFailed(key, url, {error, permanent, retryAtAfterFailure(now, permanent, attempts)},
                    now);
  Poco::Logger::get("artwork").information("%s: %s (%s)", key.display(), error, redactUrl(url));
  return Outcome::Failed;
}

ArtworkMaker::Outcome ArtworkMaker::make(const ArtworkKey &key, const CancelToken *token) {
  auto row = table_.find(key);
  if (!row || !row->url || row->url == row->fileUrl) return Outcome::Skipped;
  if (!downloadsEnabled(settings_, key.source)) return Outcome::Skipped;
  const std::string url = *row->url;
  const ArtworkKind *kind = kindOfFolder(key.kind);
  if (kind == nullptr || !validSourceName(key.source) || !validArtworkId(key.id)) {
    return fail(
        key, url, row->attempts, true,
        "the id cannot be a file name (allowed: letters, digits, '_' and '-', at most 128)");
  }

  FetchResult fetched = fetcher_.fetch(url, row->attempts, token);
  if (fetched.cancelled) return Outcome::Cancelled;
  if (!fetched.ok) {
    const int64_t now = clock_.nowMs();
    table_.markFailed(key, url, fetched.failure, now);
    Poco::Logger::get("artwork").information("%s: %s (%s)", key.display(), fetched.failure.error,
                                             redactUrl(url));
    return Outcome::Failed;
  }
  if (sniffImageFormat(fetched.body) == ImageFormat::Unknown) {
    return fail(
        key, url, row->attempts, true,
        "not an image: the response is " + describeNonImage(fetched.body, fetched.contentType));
  }

  ImageTranscoder *transcoder = imaging_.get();
  if (transcoder == nullptr) return fail(key, url, row->attempts, false, imaging_.error());
  const int quality = static_cast<int>(settings_.intValue(kArtworkQualityKey));
  TranscodeResult made = transcoder->transcode(fetched.body, kind->size, kind->size, quality);
  fetched.body.clear();
  fetched.body.shrink_to_fit();
  if (!made.ok) return fail(key, url, row->attempts, true, made.error);
  return publish(key, url, made.webp, row->attempts);
}

ArtworkMaker::Outcome ArtworkMaker::publish(const ArtworkKey &key, const std::string &url,
                                            const std::string &webp, int64_t attempts) {
  // Written and flushed outside the lock: only the rename and the row update are in it.
  StagedFile staged = files_.stage(key, webp);
  if (!staged.ok()) return fail(key, url, attempts, false, staged.error);
  std::lock_guard<std::mutex> lock(publishMutex_);
  auto row = table_.find(key);
  if (!row) {
    // The entity was removed while its image was being made.
    files_.discard(staged);
    return Outcome::Skipped;
  }
  if (auto error = files_.publish(staged, key); !error.empty()) {
    return fail(key, url, attempts, false, error);
  }
  table_.markStored(key, url, staged.bytes, clock_.nowMs());
  return Outcome::Stored;
}

}  // namespace encore
