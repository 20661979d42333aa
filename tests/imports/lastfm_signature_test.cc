// api_sig against the published test vectors (tests/fixtures/lastfm/api_sig.test-vectors.json).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "md5.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

TEST(LastfmSignatureTest, MatchesThePublishedVectors) {
  auto vectors = nlohmann::json::parse(
      readFile(sourceDir() + "/tests/fixtures/lastfm/api_sig.test-vectors.json"));
  ASSERT_EQ(vectors["vectors"].size(), 2u);
  for (const auto &v : vectors["vectors"]) {
    // name + value of every parameter but format, sorted by name, then the secret.
    std::string text;
    for (const auto &[name, value] : v["params"].items()) {
      if (name != "format") text += name + value.get<std::string>();
    }
    text += v["secret"].get<std::string>();
    EXPECT_EQ(text, v["string_to_hash"].get<std::string>());
    EXPECT_EQ(lastfm::md5Hex(text), v["api_sig"].get<std::string>());
  }
  EXPECT_EQ(lastfm::md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(lastfm::md5Hex(std::string(1000, 'a')), "cabe45dcc9ae5b66ba86600cca6b8ba8");
}

}  // namespace
}  // namespace encore::test
