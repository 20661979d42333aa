// The artwork cache in-process, wired as the daemon wires it: a real SQLite store with the
// migrations, settings, the record store it observes, the HTTP service over real sockets
// to a loopback image host, and the imaging module loaded from the build tree. The clock
// is a manual one so retries can be reached without waiting.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "artwork/artwork_cache.h"
#include "artwork/artwork_settings.h"
#include "daemon/records/record_store.h"
#include "daemon/store/migration.h"
#include "image_host.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {

class ArtworkCacheFixture : public ::testing::Test {
 protected:
  static constexpr const char *kSource = "src";

  ArtworkCacheFixture()
      : clock_(std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count()),
        policies_(clock_, nullptr),
        client_(ArtworkFetcher::transportOptions(),
                ProxyConfig([](const std::string &) { return std::optional<std::string>(); })),
        http_(client_, policies_, clock_) {}

  void SetUp() override { open(); }
  void TearDown() override { close(); }

  /// Builds everything over the data in dir_ (so a second open() is a restart).
  void open(bool observe = true) {
    store_ = std::make_unique<Store>((dir_ / "data").string(), builtinMigrations());
    settings_ = std::make_unique<Settings>(*store_, nullptr);
    declareArtworkSettings(*settings_);
    SettingDef toggle;
    toggle.key = std::string(kSource) + ".download_images";
    toggle.owner = kSource;
    toggle.type = SettingType::Bool;
    toggle.title = "Download images";
    toggle.defaultValue = true;
    settings_->declare(toggle);
    records_ = std::make_unique<RecordStore>(*store_, clock_, RecordHandlers::withLibraryTypes());
    ArtworkCacheOptions options;
    options.root = artworkRoot();
    cache_ = std::make_unique<ArtworkCache>(options, *store_, *settings_, http_, clock_);
    if (observe) {
      records_->addObserver(cache_.get());
      cache_->start();
    }
  }

  void close() {
    cache_.reset();
    records_.reset();
    settings_.reset();
    store_.reset();
  }

  void restart() {
    close();
    open();
  }

  virtual std::filesystem::path artworkRoot() const { return dir_ / "data" / "artwork"; }

  /// One images list as a record carries it, the large one first.
  nlohmann::json images(const std::string &path) const {
    return nlohmann::json::array({{{"url", host_.url(path)}, {"width", 640}, {"height", 640}}});
  }

  nlohmann::json entity(const std::string &type, const std::string &id,
                        const nlohmann::json &imageList) const {
    return {{"type", type}, {"id", id}, {"name", type + " " + id}, {"images", imageList}};
  }

  /// A vector, not a braced json: nlohmann would read {one} as that one object.
  void submit(const std::vector<nlohmann::json> &records, const std::string &source = kSource) {
    nlohmann::json doc = {{"records", nlohmann::json(records)}};
    auto result = records_->submit({source, "", ""}, doc.dump());
    ASSERT_TRUE(result.ok) << result.error;
  }

  std::filesystem::path fileOf(const std::string &kind, const std::string &id,
                               const std::string &source = kSource) const {
    return artworkRoot() / source / kind / (id + ".webp");
  }

  static bool eventually(const std::function<bool()> &predicate, int timeoutMs = 15000) {
    return DaemonProcess::waitFor(predicate, timeoutMs, 20);
  }

  bool hasFile(const std::string &kind, const std::string &id,
               const std::string &source = kSource) const {
    return std::filesystem::exists(fileOf(kind, id, source));
  }

  /// The recorded error of an entity, "" when none.
  std::string errorOf(const std::string &kind, const std::string &id) {
    for (const auto &e : cache_->table().recentErrors(kSource, 1000)) {
      if (e.key.kind == kind && e.key.id == id) return e.error;
    }
    return {};
  }

  /// Files in a folder whose names are not "<id>.webp": temp files left behind.
  static int strayFiles(const std::filesystem::path &folder) {
    int n = 0;
    std::error_code ec;
    for (const auto &f : std::filesystem::directory_iterator(folder, ec)) {
      if (!idOfFileName(f.path().filename().string())) ++n;
    }
    return n;
  }

  TempDir dir_;
  ManualClock clock_;
  HostPolicies policies_;
  HttpClient client_;
  HttpService http_;
  ImageHost host_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Settings> settings_;
  std::unique_ptr<RecordStore> records_;
  std::unique_ptr<ArtworkCache> cache_;
};

}  // namespace encore::test
