/* artkit: a plugin for the artwork cache's tests and benchmark. Its one job re-reads
 * `count` entities of each kind in `kinds` as a full collection pass, each with images
 * on the server at ENCORE_ARTKIT_URL:
 *
 *   <url>/<kind>/<i><url_suffix>.jpg       640x640
 *   <url>/<kind>/<i><url_suffix>-300.jpg   300x300
 *   <url>/<kind>/<i><url_suffix>-64.jpg    64x64
 *
 * Entity ids are "<kind>-<i>" ("album-0"). Lowering `count` removes the entities above
 * it (and so their artwork); changing `url_suffix` changes every URL. The job is off by
 * default, so a daemon that merely loads this plugin does nothing: tests start it with
 * POST /api/workers/artkit.sync/run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encore/plugin_api.h"

#define PAGE_SIZE 50

typedef struct state {
  const encore_host *host;
  const encore_settings_v1 *settings;
  const encore_records_v1 *records;
  const encore_log_v1 *log;
  char *url;
} state;

static const encore_setting_decl download_setting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "download_images",
    .type = ENCORE_SETTING_BOOL,
    .title = "Download images",
    .description = "Store WebP copies of the artwork.",
    .default_int = 1};
static const encore_setting_decl sync_setting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "sync_enabled",
    .type = ENCORE_SETTING_BOOL,
    .title = "Sync on schedule",
    .description = "Run the sync job on its cooldown (tests run it by hand).",
    .default_int = 0};
static const encore_setting_decl count_setting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "count",
    .type = ENCORE_SETTING_INT,
    .title = "Entities per kind",
    .description = "How many entities of each kind the sync emits.",
    .default_int = 3,
    .min_int = 0,
    .max_int = 100000};
static const encore_setting_decl kinds_setting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "kinds",
    .type = ENCORE_SETTING_STRING,
    .title = "Kinds",
    .description = "Comma-separated: artist, album, playlist.",
    .default_string = "album",
    .max_int = 64};
static const encore_setting_decl suffix_setting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "url_suffix",
    .type = ENCORE_SETTING_STRING,
    .title = "URL suffix",
    .description = "Appended to every image name, to change the URLs.",
    .default_string = "",
    .max_int = 64};
static const encore_setting_decl *const decls[] = {&download_setting, &sync_setting, &count_setting,
                                                   &kinds_setting, &suffix_setting};

/* Appends to a growing buffer; returns 0 when out of memory. */
typedef struct buffer {
  char *data;
  size_t len, cap;
} buffer;

static int append(buffer *b, const char *text) {
  size_t n = strlen(text);
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap == 0 ? 4096 : b->cap;
    char *grown;
    while (cap < b->len + n + 1) cap *= 2;
    grown = (char *)realloc(b->data, cap);
    if (grown == NULL) return 0;
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, text, n + 1);
  b->len += n;
  return 1;
}

static int32_t submit_page(state *st, encore_run *run, const char *kind, long from, long to,
                           const char *suffix) {
  buffer doc = {NULL, 0, 0};
  char record[4096];
  long i;
  int32_t rc;
  char *error = NULL;
  int ok = append(&doc, "{\"records\":[");
  for (i = from; i < to && ok; ++i) {
    snprintf(record, sizeof record,
             "%s{\"type\":\"library_item\",\"collection\":\"artkit_%ss\",\"item\":"
             "{\"type\":\"%s\",\"id\":\"%s-%ld\",\"name\":\"%s %ld\",\"images\":["
             "{\"url\":\"%s/%s/%ld%s.jpg\",\"width\":640,\"height\":640},"
             "{\"url\":\"%s/%s/%ld%s-300.jpg\",\"width\":300,\"height\":300},"
             "{\"url\":\"%s/%s/%ld%s-64.jpg\",\"width\":64,\"height\":64}]}}",
             i == from ? "" : ",", kind, kind, kind, i, kind, i, st->url, kind, i, suffix, st->url,
             kind, i, suffix, st->url, kind, i, suffix);
    ok = append(&doc, record);
  }
  ok = ok && append(&doc, "]}");
  if (!ok) {
    free(doc.data);
    return ENCORE_E_FAILED;
  }
  rc = st->records->submit(run, doc.data, doc.len, &error);
  if (rc != ENCORE_OK && error != NULL) st->log->log(st->host, ENCORE_LOG_ERROR, error);
  st->host->free(st->host, error);
  free(doc.data);
  return rc;
}

static int32_t sync_kind(state *st, encore_run *run, const char *kind, long count,
                         const char *suffix) {
  char collection[64];
  long from;
  int32_t rc;
  snprintf(collection, sizeof collection, "artkit_%ss", kind);
  rc = st->records->collection_begin(run, collection);
  for (from = 0; from < count && rc == ENCORE_OK; from += PAGE_SIZE) {
    rc = submit_page(st, run, kind, from, from + PAGE_SIZE < count ? from + PAGE_SIZE : count,
                     suffix);
  }
  if (rc != ENCORE_OK) return rc;
  return st->records->collection_end(run, collection, ENCORE_COLLECTION_REMOVE_MISSING);
}

static int32_t run_sync(void *p, encore_run *run) {
  state *st = (state *)p;
  char *kinds = NULL, *suffix = NULL;
  int64_t count = 0;
  int32_t rc = ENCORE_OK;
  const char *all[] = {"artist", "album", "playlist"};
  size_t k;
  if (st->url == NULL) return ENCORE_OK; /* nowhere to point images at: nothing to do */
  if (st->settings->get_int(st->host, "count", &count) != ENCORE_OK ||
      st->settings->get_string(st->host, "kinds", &kinds) != ENCORE_OK ||
      st->settings->get_string(st->host, "url_suffix", &suffix) != ENCORE_OK) {
    st->host->free(st->host, kinds);
    return ENCORE_E_FAILED;
  }
  for (k = 0; k < 3 && rc == ENCORE_OK; ++k) {
    if (strstr(kinds, all[k]) != NULL) rc = sync_kind(st, run, all[k], (long)count, suffix);
  }
  st->host->free(st->host, kinds);
  st->host->free(st->host, suffix);
  return rc;
}

static const encore_job_decl sync_job = {.struct_size = sizeof(encore_job_decl),
                                         .id = "sync",
                                         .title = "Sync",
                                         .default_cooldown_seconds = 86400,
                                         .cooldown_unit_seconds = 1,
                                         .enabled_setting = "sync_enabled",
                                         .run = run_sync};
static const encore_job_decl *const jobs[] = {&sync_job};

static int32_t init(const encore_host *host, void **out) {
  state *st = (state *)calloc(1, sizeof *st);
  const encore_config_v1 *config;
  if (st == NULL) return ENCORE_E_FAILED;
  st->host = host;
  st->settings = (const encore_settings_v1 *)host->get_service(host, ENCORE_SETTINGS_SERVICE_V1);
  st->records = (const encore_records_v1 *)host->get_service(host, ENCORE_RECORDS_SERVICE_V1);
  st->log = (const encore_log_v1 *)host->get_service(host, ENCORE_LOG_SERVICE_V1);
  config = (const encore_config_v1 *)host->get_service(host, ENCORE_CONFIG_SERVICE_V1);
  if (config->get(host, "ENCORE_ARTKIT_URL", &st->url) != ENCORE_OK) st->url = NULL;
  *out = st;
  return st->settings->declare(host, decls, 5);
}

static void shutdown_plugin(void *p) {
  state *st = (state *)p;
  st->host->free(st->host, st->url);
  free(st);
}

ENCORE_PLUGIN_ENTRY = {.struct_size = sizeof(encore_plugin_entry_t),
                       .abi_major = ENCORE_ABI_MAJOR,
                       .abi_minor = ENCORE_ABI_MINOR,
                       .id = "artkit",
                       .name = "Artwork test kit",
                       .version = "1",
                       .init = init,
                       .shutdown = shutdown_plugin,
                       .jobs = jobs,
                       .job_count = 1};
