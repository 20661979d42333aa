/*
 * hello.c -- an Encore source plugin in plain C99, built against encore/plugin_api.h alone.
 *
 * It shows every part of a plugin:
 *  - the one exported entry struct, with its jobs;
 *  - init: looking up services, declaring settings, reading deployment configuration;
 *  - a job that keeps a counter in encore.kv/1 and stores records with a checkpoint in the
 *    same transaction (encore.records/1);
 *  - a job that fetches a URL through the host's HTTP service (encore.http/1), which owns
 *    TLS, timeouts, rate limits, Retry-After pauses and circuit breakers;
 *  - a gradual job that works through stored artists a few at a time (encore.run/1).
 *
 * Build:  cc -std=c99 -pedantic -Wall -Wextra -fPIC -shared -I<prefix>/include \
 *            hello.c -o hello.so
 * or with CMake: see CMakeLists.txt beside this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encore/plugin_api.h"

typedef struct hello_state {
  const encore_host *host;
  const encore_log_v1 *log;
  const encore_settings_v1 *settings;
  const encore_kv_v1 *kv;
  const encore_records_v1 *records;
  const encore_run_v1 *run;
  const encore_http_v1 *http;
  char *fetch_url; /* ENCORE_HELLO_URL, or NULL when not configured */
} hello_state;

/* ---- settings ------------------------------------------------------------------------ */

static const encore_setting_decl setting_enabled = {.struct_size = sizeof(encore_setting_decl),
                                                    .key = "enabled",
                                                    .type = ENCORE_SETTING_BOOL,
                                                    .title = "Enabled",
                                                    .description = "Run the example's jobs.",
                                                    .default_int = 1};
static const encore_setting_decl setting_greeting = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "greeting",
    .type = ENCORE_SETTING_STRING,
    .title = "Greeting",
    .description = "The word each stored greeting starts with.",
    .default_string = "hello",
    .max_int = 64};
static const encore_setting_decl setting_interval = {
    .struct_size = sizeof(encore_setting_decl),
    .key = "interval_seconds",
    .type = ENCORE_SETTING_INT,
    .title = "Greeting interval",
    .description = "Seconds between two greetings.",
    .default_int = 60,
    .min_int = 1,
    .max_int = 86400};

static const encore_setting_decl *const settings[] = {&setting_enabled, &setting_greeting,
                                                      &setting_interval};

/* ---- helpers ------------------------------------------------------------------------- */

static void say(const hello_state *st, int32_t level, const char *message) {
  st->log->log(st->host, level, message);
}

/* Copies `in` into `out` as the inside of a JSON string, truncating at the buffer's end.
 * Control characters become spaces; quotes and backslashes are escaped. */
static void json_escape(const char *in, char *out, size_t out_size) {
  size_t o = 0;
  for (; *in != '\0' && o + 3 < out_size; ++in) {
    unsigned char c = (unsigned char)*in;
    if (c == '"' || c == '\\') {
      out[o++] = '\\';
      out[o++] = (char)c;
    } else if (c < 0x20) {
      out[o++] = ' ';
    } else {
      out[o++] = (char)c;
    }
  }
  out[o] = '\0';
}

static int32_t submit(hello_state *st, encore_run *run, const char *doc) {
  char *error = NULL;
  int32_t rc = st->records->submit(run, doc, strlen(doc), &error);
  if (rc != ENCORE_OK) {
    char message[512];
    snprintf(message, sizeof message, "records rejected: %s", error != NULL ? error : "?");
    say(st, ENCORE_LOG_ERROR, message);
  }
  st->host->free(st->host, error);
  return rc;
}

/* ---- job: greet ---------------------------------------------------------------------- */

/* Stores one artist named "<greeting> <n>" and moves the counter to n, atomically. */
static int32_t greet(void *state, encore_run *run) {
  hello_state *st = (hello_state *)state;
  long count = 0;
  char *stored = NULL;
  size_t len = 0;
  if (st->kv->get(st->host, "count", &stored, &len) == ENCORE_OK) {
    count = strtol(stored, NULL, 10);
    st->host->free(st->host, stored);
  }
  count += 1;

  char *greeting = NULL;
  if (st->settings->get_string(st->host, "greeting", &greeting) != ENCORE_OK)
    return ENCORE_E_FAILED;
  char escaped[256];
  json_escape(greeting, escaped, sizeof escaped);
  st->host->free(st->host, greeting);

  char doc[1024];
  snprintf(doc, sizeof doc,
           "{\"records\":[{\"type\":\"artist\",\"id\":\"hello-%ld\",\"name\":\"%s %ld\"}],"
           "\"checkpoint\":{\"count\":\"%ld\"}}",
           count, escaped, count, count);
  int32_t rc = submit(st, run, doc);
  if (rc == ENCORE_OK) {
    char message[128];
    snprintf(message, sizeof message, "greeting %ld stored", count);
    say(st, ENCORE_LOG_INFO, message);
  }
  return rc;
}

/* ---- job: fetch ---------------------------------------------------------------------- */

/* GETs ENCORE_HELLO_URL and stores its first line as an artist's name. */
static int32_t fetch(void *state, encore_run *run) {
  hello_state *st = (hello_state *)state;
  if (st->fetch_url == NULL) {
    say(st, ENCORE_LOG_DEBUG, "ENCORE_HELLO_URL is not configured; nothing to fetch");
    return ENCORE_OK;
  }
  encore_http_header accept = {"Accept", "text/plain"};
  encore_http_request request;
  memset(&request, 0, sizeof request);
  request.struct_size = sizeof request;
  request.method = "GET";
  request.url = st->fetch_url;
  request.headers = &accept;
  request.header_count = 1;

  encore_http_response *response = NULL;
  char *error = NULL;
  int32_t rc = st->http->send(run, &request, &response, &error);
  if (rc != ENCORE_OK) {
    /* Paused (Retry-After), breaker open, network error...: the host already logged it
     * and holds the job; just end the run. */
    st->host->free(st->host, error);
    return rc;
  }
  int32_t status = st->http->status(response);
  if (status != 200) {
    st->http->release(response);
    return ENCORE_E_FAILED;
  }
  size_t body_len = 0;
  const char *body = (const char *)st->http->body(response, &body_len);
  char line[128];
  size_t n = 0;
  while (n < body_len && n + 1 < sizeof line && body[n] != '\n' && body[n] != '\0') {
    line[n] = body[n];
    ++n;
  }
  line[n] = '\0';
  st->http->release(response);
  if (n == 0) return ENCORE_E_FAILED;

  char escaped[256];
  json_escape(line, escaped, sizeof escaped);
  char doc[512];
  snprintf(doc, sizeof doc,
           "{\"records\":[{\"type\":\"artist\",\"id\":\"fetched\",\"name\":\"%s\"}]}", escaped);
  return submit(st, run, doc);
}

/* ---- job: review (gradual) ------------------------------------------------------------ */

/* Receives the stalest stored artists, a few per run, and marks them reviewed. */
static int32_t review(void *state, encore_run *run) {
  hello_state *st = (hello_state *)state;
  uint32_t count = st->run->item_count(run);
  char doc[4096];
  size_t used = (size_t)snprintf(doc, sizeof doc, "{\"items_done\":[");
  uint32_t i;
  for (i = 0; i < count && used + 300 < sizeof doc; ++i) {
    char escaped[260];
    json_escape(st->run->item_at(run, i), escaped, sizeof escaped);
    used += (size_t)snprintf(doc + used, sizeof doc - used, "%s\"%s\"", i == 0 ? "" : ",", escaped);
  }
  snprintf(doc + used, sizeof doc - used, "]}");
  return submit(st, run, doc);
}

/* ---- declarations -------------------------------------------------------------------- */

static const encore_job_decl job_greet = {
    .struct_size = sizeof(encore_job_decl),
    .id = "greet",
    .title = "Greet",
    .description = "Stores one greeting artist per run, counting in a checkpoint.",
    .default_cooldown_seconds = 60,
    .cooldown_setting = "interval_seconds", /* read at every scheduler cycle */
    .cooldown_unit_seconds = 1,
    .run = greet};
static const encore_job_decl job_fetch = {
    .struct_size = sizeof(encore_job_decl),
    .id = "fetch",
    .title = "Fetch",
    .description = "Fetches ENCORE_HELLO_URL through the host and stores its first line.",
    .default_cooldown_seconds = 300,
    .run = fetch};
static const encore_job_decl job_review = {
    .struct_size = sizeof(encore_job_decl),
    .id = "review",
    .title = "Review artists",
    .description = "Works through the stored artists two at a time, each again after an hour.",
    .default_cooldown_seconds = 60,
    .gradual = 1,
    .batch_size = 2,
    .item_type = "artist",
    .item_stale_seconds = 3600,
    .run = review};

static const encore_job_decl *const jobs[] = {&job_greet, &job_fetch, &job_review};

static int32_t hello_init(const encore_host *host, void **state_out) {
  hello_state *st = (hello_state *)calloc(1, sizeof *st);
  if (st == NULL) return ENCORE_E_FAILED;
  st->host = host;
  st->log = (const encore_log_v1 *)host->get_service(host, ENCORE_LOG_SERVICE_V1);
  st->settings = (const encore_settings_v1 *)host->get_service(host, ENCORE_SETTINGS_SERVICE_V1);
  st->kv = (const encore_kv_v1 *)host->get_service(host, ENCORE_KV_SERVICE_V1);
  st->records = (const encore_records_v1 *)host->get_service(host, ENCORE_RECORDS_SERVICE_V1);
  st->run = (const encore_run_v1 *)host->get_service(host, ENCORE_RUN_SERVICE_V1);
  st->http = (const encore_http_v1 *)host->get_service(host, ENCORE_HTTP_SERVICE_V1);
  const encore_config_v1 *config =
      (const encore_config_v1 *)host->get_service(host, ENCORE_CONFIG_SERVICE_V1);
  if (st->log == NULL || st->settings == NULL || st->kv == NULL || st->records == NULL ||
      st->run == NULL || st->http == NULL || config == NULL) {
    free(st);
    return ENCORE_E_UNSUPPORTED;
  }
  if (st->settings->declare(host, settings, sizeof settings / sizeof settings[0]) != ENCORE_OK) {
    free(st);
    return ENCORE_E_INVALID_ARGUMENT;
  }
  if (config->get(host, "ENCORE_HELLO_URL", &st->fetch_url) == ENCORE_OK) {
    /* A modest budget: at most 5 requests per 10 s to that host. */
    st->http->set_rate_limit(host, st->fetch_url, 5, 10000);
  }
  *state_out = st;
  return ENCORE_OK;
}

static void hello_shutdown(void *state) {
  hello_state *st = (hello_state *)state;
  if (st == NULL) return;
  st->host->free(st->host, st->fetch_url);
  free(st);
}

ENCORE_PLUGIN_ENTRY = {
    .struct_size = sizeof(encore_plugin_entry_t),
    .abi_major = ENCORE_ABI_MAJOR,
    .abi_minor = ENCORE_ABI_MINOR,
    .id = "hello",
    .name = "Hello (example)",
    .version = "1.0.0",
    .description = "The example plugin in plain C: greetings, a fetch and a gradual review.",
    .init = hello_init,
    .shutdown = hello_shutdown,
    .enabled_setting = "enabled", /* the master toggle: while false, no job runs */
    .jobs = jobs,
    .job_count = sizeof jobs / sizeof jobs[0],
};
