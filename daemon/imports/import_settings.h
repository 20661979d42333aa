// Host settings of imports.
#pragma once

#include "settings/settings.h"

namespace encore {

constexpr const char *kMaxUploadSetting = "imports.max_upload_mb";

/// Declares imports.max_upload_mb.
void declareImportSettings(Settings &settings);

}  // namespace encore
