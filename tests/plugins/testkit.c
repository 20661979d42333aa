/* testkit: a plugin for the daemon's own tests. Its one job does what the "mode" setting
 * says, so a test can make it store records, send garbage, or run slowly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encore/plugin_api.h"

typedef struct state {
  const encore_host *host;
  const encore_settings_v1 *settings;
  const encore_kv_v1 *kv;
  const encore_records_v1 *records;
  const encore_time_v1 *time;
  const encore_http_v1 *http;
  char *url;
} state;

static const encore_setting_decl mode_setting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "mode",
    .type = ENCORE_SETTING_STRING,
    .title = "Mode",
    .description = "ok | invalid_json | invalid_record | slow | http",
    .default_string = "ok"};
static const encore_setting_decl interval_setting = {.struct_size = sizeof(encore_setting_decl),
                                                     .key = "interval_seconds",
                                                     .type = ENCORE_SETTING_INT,
                                                     .title = "Interval",
                                                     .description = "Seconds between runs.",
                                                     .default_int = 3600,
                                                     .min_int = 1,
                                                     .max_int = 86400};
static const encore_setting_decl token_setting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "token",
    .type = ENCORE_SETTING_SECRET,
    .title = "Token",
    .description = "A secret, to check it is never echoed or logged."};
static const encore_setting_decl *const decls[] = {&mode_setting, &interval_setting,
                                                   &token_setting};

static long next_count(state *st) {
  char *value = NULL;
  size_t len = 0;
  long n = 0;
  if (st->kv->get(st->host, "count", &value, &len) == ENCORE_OK) {
    n = strtol(value, NULL, 10);
    st->host->free(st->host, value);
  }
  return n + 1;
}

static int32_t submit_text(state *st, encore_run *run, const char *doc) {
  return st->records->submit(run, doc, strlen(doc), NULL);
}

static int32_t store_one(state *st, encore_run *run) {
  char doc[256];
  long n = next_count(st);
  snprintf(doc, sizeof doc,
           "{\"records\":[{\"type\":\"artist\",\"id\":\"t-%ld\",\"name\":\"T %ld\"}],"
           "\"checkpoint\":{\"count\":\"%ld\"}}",
           n, n, n);
  return submit_text(st, run, doc);
}

static int32_t work(void *p, encore_run *run) {
  state *st = (state *)p;
  char *mode = NULL;
  if (st->settings->get_string(st->host, "mode", &mode) != ENCORE_OK) return ENCORE_E_FAILED;
  int32_t rc = ENCORE_OK;
  if (strcmp(mode, "ok") == 0) {
    rc = store_one(st, run);
  } else if (strcmp(mode, "invalid_json") == 0) {
    submit_text(st, run, "{\"records\": [ {\"type\": \"artist\", ");
  } else if (strcmp(mode, "invalid_record") == 0) {
    submit_text(st, run,
                "{\"records\":[{\"type\":\"artist\",\"id\":\"good\",\"name\":\"Good\"},"
                "{\"type\":\"artist\",\"id\":\"bad\",\"name\":\"\"}],"
                "\"checkpoint\":{\"count\":\"999\"}}");
  } else if (strcmp(mode, "slow") == 0) {
    int i;
    for (i = 0; i < 600 && rc == ENCORE_OK; ++i) {
      rc = store_one(st, run);
      if (rc == ENCORE_OK) rc = st->time->sleep_ms(run, 100);
    }
  } else if (strcmp(mode, "http") == 0 && st->url != NULL) {
    encore_http_request request;
    memset(&request, 0, sizeof request);
    request.struct_size = sizeof request;
    request.method = "GET";
    request.url = st->url;
    encore_http_response *response = NULL;
    rc = st->http->send(run, &request, &response, NULL);
    if (rc == ENCORE_OK) {
      char status[16];
      snprintf(status, sizeof status, "%d", (int)st->http->status(response));
      st->kv->set(st->host, "last_status", status, strlen(status));
      st->http->release(response);
    }
  } else {
    rc = ENCORE_E_INVALID_ARGUMENT;
  }
  st->host->free(st->host, mode);
  return rc;
}

static const encore_job_decl work_job = {.struct_size = sizeof(encore_job_decl),
                                         .id = "work",
                                         .title = "Work",
                                         .default_cooldown_seconds = 3600,
                                         .cooldown_setting = "interval_seconds",
                                         .cooldown_unit_seconds = 1,
                                         .run = work};
static const encore_job_decl *const jobs[] = {&work_job};

static int32_t init(const encore_host *host, void **out) {
  state *st = (state *)calloc(1, sizeof *st);
  const encore_config_v1 *config;
  st->host = host;
  st->settings = (const encore_settings_v1 *)host->get_service(host, ENCORE_SETTINGS_SERVICE_V1);
  st->kv = (const encore_kv_v1 *)host->get_service(host, ENCORE_KV_SERVICE_V1);
  st->records = (const encore_records_v1 *)host->get_service(host, ENCORE_RECORDS_SERVICE_V1);
  st->time = (const encore_time_v1 *)host->get_service(host, ENCORE_TIME_SERVICE_V1);
  st->http = (const encore_http_v1 *)host->get_service(host, ENCORE_HTTP_SERVICE_V1);
  config = (const encore_config_v1 *)host->get_service(host, ENCORE_CONFIG_SERVICE_V1);
  config->get(host, "ENCORE_TESTKIT_URL", &st->url);
  *out = st;
  return st->settings->declare(host, decls, 3);
}

static void shutdown_plugin(void *p) {
  state *st = (state *)p;
  st->host->free(st->host, st->url);
  free(st);
}

ENCORE_PLUGIN_ENTRY = {.struct_size = sizeof(encore_plugin_entry_t),
                       .abi_major = ENCORE_ABI_MAJOR,
                       .abi_minor = ENCORE_ABI_MINOR,
                       .id = "testkit",
                       .name = "Test kit",
                       .version = "1",
                       .init = init,
                       .shutdown = shutdown_plugin,
                       .jobs = jobs,
                       .job_count = 1};
