#include "daemon/http/url.h"

#include <gtest/gtest.h>

namespace encore {
namespace {

TEST(UrlTest, ParsesHttpAndHttpsWithDefaultPorts) {
  auto u = parseUrl("https://API.Spotify.com/v1/me/following?type=artist&limit=50");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "api.spotify.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->pathAndQuery, "/v1/me/following?type=artist&limit=50");
  EXPECT_EQ(u->hostKey(), "https://api.spotify.com:443");
  auto local = parseUrl("http://127.0.0.1:8123");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->port, 8123);
  EXPECT_EQ(local->pathAndQuery, "/");
  auto v6 = parseUrl("http://[::1]:9000/x#frag");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->pathAndQuery, "/x");
  EXPECT_EQ(v6->hostKey(), "http://[::1]:9000");
}

TEST(UrlTest, RefusesWhatIsNotAPlainHttpUrl) {
  for (const char *bad : {"ftp://example.com/", "file:///etc/passwd", "https://user:pw@host/",
                          "http://host:0/", "http://host:70000/", "http://host:12ab/", "http:///x",
                          "https://exa mple.com/", "http://host/\r\nX: y", "example.com/path"}) {
    EXPECT_FALSE(parseUrl(bad).has_value()) << bad;
  }
}

TEST(UrlTest, EncodesAndDecodes) {
  EXPECT_EQ(urlEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(urlDecode("a%20b+c%2F"), "a b c/");
  EXPECT_FALSE(urlDecode("%zz").has_value());
  EXPECT_FALSE(urlDecode("%4").has_value());
  EXPECT_FALSE(urlDecode("abc%").has_value());
}

}  // namespace
}  // namespace encore
