// encore.oauth2/1, encore.import/1 and encore.sink/1: thin shims over the daemon objects
// that own those exchanges.
#include <Poco/Logger.h>

#include "daemon/plugin_host/host_services.h"

namespace encore::services {
namespace {

constexpr size_t kMinProviderSize = offsetof(encore_oauth2_provider, use_pkce) + sizeof(int32_t);

int32_t registerProvider(const encore_host *host, const encore_oauth2_provider *p) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || p == nullptr || p->struct_size < kMinProviderSize ||
        p->authorize_url == nullptr || p->token_url == nullptr || p->client_id_setting == nullptr) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    if (!plugin->initializing) return ENCORE_E_INVALID_ARGUMENT;
    OAuthProviderConfig config;
    config.authorizeUrl = p->authorize_url;
    config.tokenUrl = p->token_url;
    config.scopes = p->scopes != nullptr ? p->scopes : "";
    config.clientIdSetting = plugin->id + "." + p->client_id_setting;
    config.clientSecretSetting =
        p->client_secret_setting != nullptr ? plugin->id + "." + p->client_secret_setting : "";
    config.usePkce = p->use_pkce != 0;
    plugin->oauth = config;
    if (plugin->context->oauth != nullptr) {
      plugin->context->oauth->registerProvider(plugin->id, config);
    }
    return ENCORE_OK;
  });
}

int32_t state(const encore_host *host) noexcept {
  return guarded(ENCORE_OAUTH2_STATE_NOT_CONNECTED, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || plugin->context->oauth == nullptr) {
      return ENCORE_OAUTH2_STATE_NOT_CONNECTED;
    }
    return plugin->context->oauth->state(plugin->id);
  });
}

int32_t accessToken(encore_run *run, char **tokenOut) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || tokenOut == nullptr) return ENCORE_E_INVALID_ARGUMENT;
    auto *registry = run->plugin->context->oauth;
    if (registry == nullptr) return ENCORE_E_NOT_CONNECTED;
    auto token = registry->accessToken(run->plugin->id, "", run->cancel);
    if (token.code != ENCORE_OK) {
      run->lastError = token.error;
      return token.code;
    }
    *tokenOut = hostCopy(token.accessToken);
    return ENCORE_OK;
  });
}

const char *importFileName(encore_run *run) noexcept {
  return run == nullptr || run->import == nullptr ? "" : run->import->fileName().c_str();
}

int64_t importFileSize(encore_run *run) noexcept {
  return run == nullptr || run->import == nullptr ? -1 : run->import->size();
}

int32_t importRead(encore_run *run, uint8_t *buffer, size_t capacity, size_t *readOut) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || run->import == nullptr || buffer == nullptr || readOut == nullptr) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    return run->import->read(buffer, capacity, readOut);
  });
}

void importProgress(encore_run *run, int64_t processed, int64_t total) noexcept {
  guarded(0, [&] {
    if (run != nullptr && run->import != nullptr) run->import->progress(processed, total);
    return 0;
  });
}

void importSkip(encore_run *run, const char *reason) noexcept {
  guarded(0, [&] {
    if (run != nullptr && run->import != nullptr && reason != nullptr) {
      run->import->skip(std::string(reason, strnlen(reason, 256)));
    }
    return 0;
  });
}

int64_t importResumeFrom(encore_run *run) noexcept {
  return run == nullptr || run->import == nullptr ? 0 : run->import->resumeFrom();
}

const char *sinkDocument(encore_run *run, size_t *lenOut) noexcept {
  if (run == nullptr || run->sink == nullptr) {
    if (lenOut != nullptr) *lenOut = 0;
    return "";
  }
  const std::string &doc = run->sink->document();
  if (lenOut != nullptr) *lenOut = doc.size();
  return doc.c_str();
}

int32_t sinkSetResult(encore_run *run, const char *json, size_t len) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    if (run == nullptr || run->sink == nullptr || (json == nullptr && len > 0) || len > 65536) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    run->sink->setResult(std::string(json, len));
    return ENCORE_OK;
  });
}

}  // namespace

const encore_oauth2_v1 *oauth2V1() {
  static const encore_oauth2_v1 table = {sizeof(encore_oauth2_v1), registerProvider, state,
                                         accessToken};
  return &table;
}

const encore_import_v1 *importV1() {
  static const encore_import_v1 table = {
      sizeof(encore_import_v1), importFileName, importFileSize,  importRead,
      importProgress,           importSkip,     importResumeFrom};
  return &table;
}

const encore_sink_v1 *sinkV1() {
  static const encore_sink_v1 table = {sizeof(encore_sink_v1), sinkDocument, sinkSetResult};
  return &table;
}

}  // namespace encore::services
