#include "daemon/imports/import_settings.h"

namespace encore {

void declareImportSettings(Settings &settings) {
  settings.declare(intSetting(
      kMaxUploadSetting, "Largest upload",
      "The largest file POST /api/imports accepts, in MiB. A Spotify export zip of ten years "
      "is a few tens of MiB; larger files can be imported with `encored import`.",
      512, 1, 4096));
}

}  // namespace encore
