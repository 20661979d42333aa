// Writes N album-cover-like 640x640 JPEGs (Q 85, about 100 KB each, like Spotify's
// 640 px covers) for tests/bench/artwork_bench.sh: coloured Perlin noise with fine grain,
// different for every index.
//   artwork_bench_images OUT_DIR COUNT   ->  OUT_DIR/0.jpg ... OUT_DIR/<COUNT-1>.jpg
#include <vips/vips.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

VipsImage *channel(int seed, double gain) {
  VipsImage *noise = nullptr, *grain = nullptr, *sum = nullptr, *bytes = nullptr;
  if (vips_perlin(&noise, 640, 640, "cell_size", 48 + seed % 5 * 16, "seed", seed, nullptr) ||
      vips_gaussnoise(&grain, 640, 640, "sigma", 8.0, "mean", 0.0, "seed", seed + 7, nullptr) ||
      vips_linear1(noise, &sum, 110.0 * gain, 128.0, nullptr)) {
    return nullptr;
  }
  VipsImage *grainy = nullptr;
  if (vips_add(sum, grain, &grainy, nullptr) || vips_cast_uchar(grainy, &bytes, nullptr)) {
    return nullptr;
  }
  g_object_unref(noise);
  g_object_unref(grain);
  g_object_unref(sum);
  g_object_unref(grainy);
  return bytes;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3 || VIPS_INIT(argv[0]) != 0) {
    std::fprintf(stderr, "usage: %s OUT_DIR COUNT\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const int count = std::atoi(argv[2]);
  for (int i = 0; i < count; ++i) {
    VipsImage *bands[3] = {channel(i * 3 + 1, 1.0), channel(i * 3 + 2, 0.8),
                           channel(i * 3 + 3, 0.6)};
    VipsImage *rgb = nullptr;
    const std::string path = dir + "/" + std::to_string(i) + ".jpg";
    if (!bands[0] || !bands[1] || !bands[2] || vips_bandjoin(bands, &rgb, 3, nullptr) ||
        vips_jpegsave(rgb, path.c_str(), "Q", 85, nullptr)) {
      std::fprintf(stderr, "image %d: %s\n", i, vips_error_buffer());
      return 1;
    }
    for (auto *b : bands) g_object_unref(b);
    g_object_unref(rgb);
  }
  return 0;
}
