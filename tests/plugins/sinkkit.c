/* sinkkit: a plugin whose `playlists` sink accepts `playlist_push` documents and writes
 * them to a Spotify-shaped API at ENCORE_SINKKIT_URL (a fake server in tests), the way the
 * Spotify plugin does: POST /me/playlists the first time (or when the playlist is gone),
 * then PUT /playlists/{id}/items with the first 100 URIs and POST the rest in pages of 100.
 * It reads JSON with a few string scans, which is enough for the host's documents and the
 * fake's answers; a real plugin would use a parser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encore/plugin_api.h"

typedef struct state {
  const encore_host *host;
  const encore_http_v1 *http;
  const encore_sink_v1 *sink;
  const encore_log_v1 *log;
  char *url;
} state;

typedef struct buffer {
  char *data;
  size_t len, cap;
} buffer;

static void append(buffer *b, const char *text, size_t len) {
  if (b->len + len + 1 > b->cap) {
    size_t cap = (b->cap + len + 1) * 2;
    char *grown = (char *)realloc(b->data, cap);
    if (grown == NULL) return;
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, text, len);
  b->len += len;
  b->data[b->len] = '\0';
}

static void appends(buffer *b, const char *text) {
  append(b, text, strlen(text));
}

/* The raw JSON value after "key": in `json` (a string with its quotes, null, ...):
 * start and length, or NULL. */
static const char *raw_value(const char *json, const char *key, size_t *len) {
  char pattern[64];
  const char *p;
  snprintf(pattern, sizeof pattern, "\"%s\"", key);
  p = strstr(json, pattern);
  if (p == NULL) return NULL;
  p += strlen(pattern);
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == ':') ++p;
  if (*p == '"') {
    const char *end = p + 1;
    while (*end != '\0' && *end != '"') end += (*end == '\\' && end[1] != '\0') ? 2 : 1;
    if (*end != '"') return NULL;
    *len = (size_t)(end - p + 1);
    return p;
  }
  if (strncmp(p, "null", 4) == 0) {
    *len = 4;
    return p;
  }
  return NULL;
}

/* A string value without quotes (no escapes expected), malloc'd, or NULL. */
static char *string_value(const char *json, const char *key) {
  size_t len = 0;
  const char *raw = raw_value(json, key, &len);
  char *out;
  if (raw == NULL || raw[0] != '"' || len < 2) return NULL;
  out = (char *)malloc(len - 1);
  memcpy(out, raw + 1, len - 2);
  out[len - 2] = '\0';
  return out;
}

static int32_t send(state *st, encore_run *run, const char *method, const char *path,
                    const char *body, int32_t *status, buffer *reply) {
  buffer url = {0};
  encore_http_header headers[2] = {{"Authorization", "Bearer sinkkit-token"},
                                   {"Content-Type", "application/json"}};
  encore_http_request request;
  encore_http_response *response = NULL;
  int32_t rc;
  appends(&url, st->url);
  appends(&url, path);
  memset(&request, 0, sizeof request);
  request.struct_size = sizeof request;
  request.method = method;
  request.url = url.data;
  request.headers = headers;
  request.header_count = 2;
  request.body = (const uint8_t *)body;
  request.body_len = body != NULL ? strlen(body) : 0;
  rc = st->http->send(run, &request, &response, NULL);
  free(url.data);
  if (rc != ENCORE_OK) return rc;
  *status = st->http->status(response);
  if (reply != NULL) {
    size_t len = 0;
    const uint8_t *data = st->http->body(response, &len);
    append(reply, (const char *)data, len);
  }
  st->http->release(response);
  return ENCORE_OK;
}

/* POST /me/playlists; the new id and URL on success. */
static int32_t create(state *st, encore_run *run, const char *doc, char **id, char **link) {
  size_t nlen = 0, dlen = 0;
  const char *name = raw_value(doc, "name", &nlen);
  const char *description = raw_value(doc, "description", &dlen);
  buffer body = {0}, reply = {0};
  int32_t status = 0, rc;
  if (name == NULL) return ENCORE_E_INVALID_ARGUMENT;
  appends(&body, "{\"name\":");
  append(&body, name, nlen);
  if (description != NULL) {
    appends(&body, ",\"description\":");
    append(&body, description, dlen);
  }
  appends(&body, ",\"public\":false}");
  rc = send(st, run, "POST", "/me/playlists", body.data, &status, &reply);
  free(body.data);
  if (rc == ENCORE_OK && status != 201 && status != 200) rc = ENCORE_E_FAILED;
  if (rc == ENCORE_OK) {
    *id = string_value(reply.data, "id");
    *link = string_value(reply.data, "spotify");
    if (*id == NULL) rc = ENCORE_E_FAILED;
  }
  free(reply.data);
  return rc;
}

/* The URIs from index `from`, at most 100, as {"uris":[...]}; how many in *count. */
static char *uris_page(const char *doc, size_t from, size_t *count) {
  const char *p = strstr(doc, "\"track_uris\"");
  buffer out = {0};
  size_t index = 0;
  *count = 0;
  appends(&out, "{\"uris\":[");
  if (p != NULL) p = strchr(p, '[');
  while (p != NULL && *p != ']' && *p != '\0') {
    const char *start = strchr(p, '"'), *end;
    const char *close = strchr(p, ']');
    if (start == NULL || (close != NULL && close < start)) break;
    end = strchr(start + 1, '"');
    if (end == NULL) break;
    if (index >= from && *count < 100) {
      if (*count > 0) appends(&out, ",");
      append(&out, start, (size_t)(end - start + 1));
      ++*count;
    }
    ++index;
    p = end + 1;
  }
  appends(&out, "]}");
  return out.data;
}

static int32_t push(void *p, encore_run *run) {
  state *st = (state *)p;
  size_t len = 0, count = 0, total = 0;
  const char *doc = st->sink->document(run, &len);
  char *id = string_value(doc, "external_id"), *link = NULL, *page;
  int32_t status = 0, rc = ENCORE_OK;
  buffer path = {0}, result = {0};
  char number[32];
  if (st->url == NULL) return ENCORE_E_NOT_CONNECTED;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (id == NULL) {
      rc = create(st, run, doc, &id, &link);
      if (rc != ENCORE_OK) break;
    }
    path.len = 0;
    appends(&path, "/playlists/");
    appends(&path, id);
    appends(&path, "/items");
    page = uris_page(doc, 0, &count);
    rc = send(st, run, "PUT", path.data, page, &status, NULL);
    free(page);
    if (rc == ENCORE_OK && status == 404 && attempt == 0) {
      /* The playlist was deleted upstream: make a new one. */
      free(id);
      id = NULL;
      continue;
    }
    if (rc == ENCORE_OK && status != 200 && status != 201) rc = ENCORE_E_FAILED;
    break;
  }
  total = count;
  while (rc == ENCORE_OK && count == 100) {
    page = uris_page(doc, total, &count);
    if (count > 0) {
      rc = send(st, run, "POST", path.data, page, &status, NULL);
      if (rc == ENCORE_OK && status != 201 && status != 200) rc = ENCORE_E_FAILED;
    }
    free(page);
    total += count;
  }
  if (rc == ENCORE_OK) {
    appends(&result, "{\"external_id\":\"");
    appends(&result, id);
    appends(&result, "\",\"url\":");
    if (link != NULL) {
      appends(&result, "\"");
      appends(&result, link);
      appends(&result, "\"");
    } else {
      appends(&result, "null");
    }
    snprintf(number, sizeof number, ",\"tracks\":%u}", (unsigned)total);
    appends(&result, number);
    rc = st->sink->set_result(run, result.data, result.len);
  }
  free(result.data);
  free(path.data);
  free(id);
  free(link);
  return rc;
}

static const encore_sink_decl playlists_sink = {.struct_size = sizeof(encore_sink_decl),
                                                .id = "playlists",
                                                .title = "Playlists",
                                                .accepts = "playlist_push",
                                                .push = push};
static const encore_sink_decl *const sinks[] = {&playlists_sink};

static int32_t init(const encore_host *host, void **out) {
  state *st = (state *)calloc(1, sizeof *st);
  const encore_config_v1 *config =
      (const encore_config_v1 *)host->get_service(host, ENCORE_CONFIG_SERVICE_V1);
  st->host = host;
  st->http = (const encore_http_v1 *)host->get_service(host, ENCORE_HTTP_SERVICE_V1);
  st->sink = (const encore_sink_v1 *)host->get_service(host, ENCORE_SINK_SERVICE_V1);
  st->log = (const encore_log_v1 *)host->get_service(host, ENCORE_LOG_SERVICE_V1);
  config->get(host, "ENCORE_SINKKIT_URL", &st->url);
  *out = st;
  return ENCORE_OK;
}

static void shutdown_plugin(void *p) {
  state *st = (state *)p;
  st->host->free(st->host, st->url);
  free(st);
}

ENCORE_PLUGIN_ENTRY = {.struct_size = sizeof(encore_plugin_entry_t),
                       .abi_major = ENCORE_ABI_MAJOR,
                       .abi_minor = ENCORE_ABI_MINOR,
                       .id = "sinkkit",
                       .name = "Sink kit",
                       .version = "1",
                       .init = init,
                       .shutdown = shutdown_plugin,
                       .sinks = sinks,
                       .sink_count = 1};
