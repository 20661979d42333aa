#include "daemon/history/play_writer.h"

#include <memory>
#include <vector>

#include "daemon/history/play_document.h"
#include "daemon/history/play_page_writer.h"
#include "daemon/history/track_cache.h"

namespace encore {
namespace {

/// Lives as long as the handlers; used inside write transactions only, which the store
/// runs one at a time.
struct PlayWriterState {
  TrackCache cache;             // for the store's writer connection
  std::vector<PlayInput> page;  // the plays of the page being stored
};

}  // namespace

void addPlayHandler(RecordHandlers &handlers) {
  auto state = std::make_shared<PlayWriterState>();
  handlers.add("play", [state](WriteContext &ctx, const RecordReader &r) {
    state->page.push_back(readPlay(r, ctx.source, ctx.nowMs));
  });
  handlers.addPageHooks([state](WriteContext &) { state->page.clear(); },
                        [state](WriteContext &ctx) {
                          storePlays(ctx, state->page, state->cache);
                          state->page.clear();
                        });
  handlers.addDocumentReader([state](std::string_view json, const std::string &source,
                                     int64_t nowMs) -> std::optional<RecordHandlers::ReadDocument> {
    auto doc = readPlayDocument(json, source, nowMs);
    if (!doc) return std::nullopt;
    RecordHandlers::ReadDocument read;
    read.records = static_cast<int64_t>(doc->plays.size());
    read.checkpoint = std::move(doc->checkpoint);
    read.itemsDone = std::move(doc->itemsDone);
    auto plays = std::make_shared<std::vector<PlayInput>>(std::move(doc->plays));
    read.store = [state, plays](WriteContext &) { state->page.swap(*plays); };
    return read;
  });
}

}  // namespace encore
