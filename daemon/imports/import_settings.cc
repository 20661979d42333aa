#include "imports/import_settings.h"

namespace encore {

void declareImportSettings(Settings &settings) {
  SettingDef maxUpload;
  maxUpload.key = kMaxUploadSetting;
  maxUpload.owner = "imports";
  maxUpload.type = SettingType::Int;
  maxUpload.title = "Largest upload";
  maxUpload.description =
      "The largest file POST /api/imports accepts, in MiB. A Spotify export zip of ten years "
      "is a few tens of MiB; larger files can be imported with `encored import`.";
  maxUpload.defaultValue = int64_t{512};
  maxUpload.min = 1;
  maxUpload.max = 4096;
  settings.declare(maxUpload);
}

}  // namespace encore
