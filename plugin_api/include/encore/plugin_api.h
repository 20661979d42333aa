/*
 * encore/plugin_api.h -- the Encore source-plugin ABI, version 1.1.
 *
 * A plugin is a shared library exporting ONE symbol, `encore_plugin_entry`, a const
 * `encore_plugin_entry_t`. Everything else the plugin needs it asks the host for, by
 * versioned string id (`encore.http/1`, ...), through `encore_host.get_service`.
 * C++ authors start from the SDK over this header (encore/plugin.hpp); it adds nothing to
 * the ABI.
 *
 * Pure C99, also valid C++. Rules that keep the ABI stable:
 *  - Every struct starts with `uint32_t struct_size`; structs only ever grow at the end.
 *    The reader of a struct reads a field only when `struct_size` covers it
 *    (ENCORE_HAS_FIELD below).
 *  - Fixed-width integers only; enum values travel as int32_t; strings are UTF-8 and
 *    NUL-terminated; byte buffers carry a length. No struct crosses by value.
 *  - Whoever allocates frees: memory the host hands out is released through the host
 *    (`encore_host.free` or the release function named beside it). Memory the plugin
 *    passes in stays the plugin's; the host copies what it keeps.
 *  - Nothing may unwind across the boundary. A C++ plugin catches everything in each
 *    callback; the host does the same in every service function.
 *  - A breaking change gets a new service id (`encore.http/2`); the host keeps serving /1.
 *
 * Versions. ENCORE_ABI_MAJOR changes only if the entry struct itself breaks; it never has.
 * ENCORE_ABI_MINOR goes up with EVERY addition, however small: a field or function
 * appended to a struct or service table, a new service id, a new status code, setting
 * type, flag or record type the host accepts. So a plugin that needs an addition can
 * require it: the host refuses a plugin whose major differs from its own or whose minor
 * is newer, and serves every older minor of its major. A plugin that can do without an
 * addition declares the older minor and tests for it at run time with ENCORE_HAS_FIELD.
 *
 *   minor  added
 *   1.0    the entry; encore.log/1, encore.time/1, encore.config/1, encore.settings/1,
 *          encore.kv/1, encore.http/1 (send .. set_rate_limit), encore.records/1,
 *          encore.run/1 (id .. is_manual), encore.oauth2/1, encore.import/1, encore.sink/1
 *   1.1    encore.run/1 set_error; encore.http/1 pause_host
 *
 * Threads and phases. Every function below carries a tag, as CLAP's headers do:
 *   [init]        only from inside the plugin's `init` callback, on its thread;
 *   [run]         only from inside the callback that received the `encore_run`, on its
 *                 thread, before it returns (job `run`, importer `run`, sink `push`);
 *   [any thread]  from any thread, at any time from the start of `init` until `shutdown`
 *                 returns.
 * The host calls a plugin's callbacks one at a time, never two of the same plugin at
 * once, though not always from the same thread: `init` and `shutdown` on the main
 * thread [main thread], the others on a worker thread [worker thread].
 */
#ifndef ENCORE_PLUGIN_API_H
#define ENCORE_PLUGIN_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ENCORE_ABI_MAJOR 1
#define ENCORE_ABI_MINOR 1

/* "1.1": the version above as a string literal, for logs and the host's API. */
#define ENCORE_ABI_STRINGIFY_(x) #x
#define ENCORE_ABI_STRINGIFY(x) ENCORE_ABI_STRINGIFY_(x)
#define ENCORE_ABI_VERSION_STRING \
  ENCORE_ABI_STRINGIFY(ENCORE_ABI_MAJOR) "." ENCORE_ABI_STRINGIFY(ENCORE_ABI_MINOR)

/* True when the struct `*struct_ptr` (a service table or any struct of this header)
 * covers `field`: its struct_size reaches the field's end. Use it before calling a
 * function appended after 1.0, e.g. ENCORE_HAS_FIELD(run_v1, set_error); a host or
 * plugin built against an older header hands out shorter structs. `struct_ptr` may be
 * NULL (false) and is evaluated more than once; nothing beyond struct_size is read. */
#define ENCORE_HAS_FIELD(struct_ptr, field)                                    \
  ((struct_ptr) != NULL &&                                                     \
   (size_t)((const char *)&(struct_ptr)->field - (const char *)(struct_ptr)) + \
           sizeof((struct_ptr)->field) <=                                      \
       (size_t)(struct_ptr)->struct_size)

/* The one exported symbol. */
#define ENCORE_PLUGIN_ENTRY_SYMBOL "encore_plugin_entry"

#if defined(_WIN32)
#define ENCORE_EXPORT __declspec(dllexport)
#else
#define ENCORE_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------
 * Status codes. Every fallible function returns one as int32_t.
 * ------------------------------------------------------------------------------------- */
#define ENCORE_OK 0
#define ENCORE_E_INVALID_ARGUMENT 1 /* a NULL, malformed or out-of-range argument */
#define ENCORE_E_NOT_FOUND 2        /* no such key / setting / item */
#define ENCORE_E_CANCELLED 3        /* the run is being cancelled (shutdown); stop soon */
#define ENCORE_E_NETWORK 4          /* connect/read failure, TLS error or timeout */
#define ENCORE_E_RATE_LIMITED 5     /* the remote host is paused (Retry-After); nothing sent */
#define ENCORE_E_CIRCUIT_OPEN 6     /* the breaker for that host is open; nothing sent */
#define ENCORE_E_TOO_LARGE 7        /* a response or document above the host's cap */
#define ENCORE_E_NOT_CONNECTED 8    /* oauth2: no account connected yet */
#define ENCORE_E_RECONNECT_NEEDED 9 /* oauth2: the grant was revoked or expired */
#define ENCORE_E_REJECTED 10        /* records: the document failed validation; nothing stored */
#define ENCORE_E_UNSUPPORTED 11     /* the service or operation is not available */
#define ENCORE_E_INTERNAL 12        /* a host-side failure (disk full, database error) */
#define ENCORE_E_FAILED 13          /* a plugin's own generic failure code */

/* What a status code means, in a few words ("rate-limited"): the one table of status
 * meanings, used by the host for /api/workers and the log, and by plugins for their own
 * messages. Any code it does not know reads "failed". A static string. [any thread] */
static inline const char *encore_status_text(int32_t code) {
  switch (code) {
    case ENCORE_OK:
      return "ok";
    case ENCORE_E_INVALID_ARGUMENT:
      return "invalid argument";
    case ENCORE_E_NOT_FOUND:
      return "not found";
    case ENCORE_E_CANCELLED:
      return "cancelled";
    case ENCORE_E_NETWORK:
      return "network error";
    case ENCORE_E_RATE_LIMITED:
      return "rate-limited";
    case ENCORE_E_CIRCUIT_OPEN:
      return "circuit open";
    case ENCORE_E_TOO_LARGE:
      return "too large";
    case ENCORE_E_NOT_CONNECTED:
      return "not connected";
    case ENCORE_E_RECONNECT_NEEDED:
      return "reconnect needed";
    case ENCORE_E_REJECTED:
      return "records rejected";
    case ENCORE_E_UNSUPPORTED:
      return "unsupported";
    case ENCORE_E_INTERNAL:
      return "host error";
    default:
      return "failed";
  }
}

/* Log levels for encore.log/1. */
#define ENCORE_LOG_DEBUG 0
#define ENCORE_LOG_INFO 1
#define ENCORE_LOG_WARNING 2
#define ENCORE_LOG_ERROR 3

/* ---------------------------------------------------------------------------------------
 * Opaque handles.
 * ------------------------------------------------------------------------------------- */

/* One invocation of a plugin callback that does work: a job run, an import, a sink push.
 * Valid only until that callback returns. Services that act "for a run" take it so the
 * host can attribute requests, cancel them, and tie stored records to the run. */
typedef struct encore_run encore_run;

/* The host as one plugin sees it. One per loaded plugin; valid from `init` until
 * `shutdown` returns. The plugin must not write to it. */
typedef struct encore_host encore_host;
struct encore_host {
  uint32_t struct_size;
  uint32_t abi_major; /* the host's ABI version */
  uint32_t abi_minor;
  const char *plugin_id; /* the id from the plugin's entry, owned by the host */

  /* Looks up a service table by versioned id, e.g. "encore.http/1". Returns NULL when the
   * host does not offer it. The table lives as long as the host handle. [any thread] */
  const void *(*get_service)(const encore_host *host, const char *service_id);

  /* Releases memory the host allocated for this plugin (strings from settings, kv, errors).
   * Passing NULL is a no-op. [any thread] */
  void (*free)(const encore_host *host, void *ptr);

  void *host_data; /* private to the host */
};

/* ---------------------------------------------------------------------------------------
 * encore.log/1
 * ------------------------------------------------------------------------------------- */
#define ENCORE_LOG_SERVICE_V1 "encore.log/1"
typedef struct encore_log_v1 {
  uint32_t struct_size;
  /* Writes `message` (copied) to the daemon log, tagged with the plugin id. Never log
   * secrets: the host cannot tell them apart. [any thread] */
  void (*log)(const encore_host *host, int32_t level, const char *message);
} encore_log_v1;

/* ---------------------------------------------------------------------------------------
 * encore.time/1 -- the host clock. Tests drive it, so plugins must not read the system
 * clock or sleep on their own.
 * ------------------------------------------------------------------------------------- */
#define ENCORE_TIME_SERVICE_V1 "encore.time/1"
typedef struct encore_time_v1 {
  uint32_t struct_size;
  /* Milliseconds since the Unix epoch, UTC. [any thread] */
  int64_t (*now_ms)(const encore_host *host);
  /* Sleeps up to `ms`; returns ENCORE_OK, or ENCORE_E_CANCELLED as soon as the run is
   * cancelled. [run] */
  int32_t (*sleep_ms)(encore_run *run, int64_t ms);
  /* 1 when the host asks the run to stop (shutdown, job disabled), else 0. [run] */
  int32_t (*is_cancelled)(encore_run *run);
} encore_time_v1;

/* ---------------------------------------------------------------------------------------
 * encore.config/1 -- deployment configuration: environment variables, then the daemon's
 * --config properties file. Plugins read their upstream base URLs here
 * (ENCORE_SPOTIFY_API_URL, ...), so tests can point them at loopback fakes.
 * ------------------------------------------------------------------------------------- */
#define ENCORE_CONFIG_SERVICE_V1 "encore.config/1"
typedef struct encore_config_v1 {
  uint32_t struct_size;
  /* Looks up `key` (it must start with "ENCORE_"). On ENCORE_OK `*value_out` is a new
   * string the caller releases with host->free. ENCORE_E_NOT_FOUND when unset.
   * [any thread] */
  int32_t (*get)(const encore_host *host, const char *key, char **value_out);
} encore_config_v1;

/* ---------------------------------------------------------------------------------------
 * encore.settings/1 -- user settings: typed, validated, stored by the host in
 * `app_settings` under "<plugin id>.<key>", edited in the web UI, hot-reloaded.
 * ------------------------------------------------------------------------------------- */
#define ENCORE_SETTING_BOOL 0
#define ENCORE_SETTING_INT 1
#define ENCORE_SETTING_STRING 2
#define ENCORE_SETTING_SECRET 3 /* a string that is write-only over the API, never logged */

typedef struct encore_setting_decl {
  uint32_t struct_size;
  const char *key;            /* [a-z0-9_]{1,64}, without the plugin prefix */
  int32_t type;               /* ENCORE_SETTING_* */
  const char *title;          /* short label for the settings page */
  const char *description;    /* one or two sentences: what it does, its unit */
  int64_t default_int;        /* BOOL (0/1) and INT default */
  const char *default_string; /* STRING/SECRET default; NULL means "" */
  int64_t min_int;            /* INT: inclusive bounds. STRING/SECRET: max_int is the max */
  int64_t max_int;            /* length in bytes (0 = the host's limit of 4096) */
  const char *env_var;        /* optional: an ENCORE_* variable that supplies the value while
                                 none is stored (e.g. "ENCORE_SPOTIFY_CLIENT_ID") */
} encore_setting_decl;

#define ENCORE_SETTINGS_SERVICE_V1 "encore.settings/1"
typedef struct encore_settings_v1 {
  uint32_t struct_size;
  /* Declares this plugin's settings; may be called more than once. The host copies the
   * declarations. ENCORE_E_INVALID_ARGUMENT names the bad one in the log (bad key,
   * duplicate, default outside bounds). [init] */
  int32_t (*declare)(const encore_host *host, const encore_setting_decl *const *decls,
                     uint32_t count);
  /* Current values, read fresh each call (they change while the daemon runs). `key` is
   * this plugin's key without prefix, or a full "server.*" key. ENCORE_E_NOT_FOUND for an
   * undeclared key, ENCORE_E_INVALID_ARGUMENT for a type mismatch. [any thread] */
  int32_t (*get_bool)(const encore_host *host, const char *key, int32_t *value_out);
  int32_t (*get_int)(const encore_host *host, const char *key, int64_t *value_out);
  /* STRING and SECRET: `*value_out` is a new string released with host->free.
   * [any thread] */
  int32_t (*get_string)(const encore_host *host, const char *key, char **value_out);
} encore_settings_v1;

/* ---------------------------------------------------------------------------------------
 * encore.kv/1 -- small per-plugin state (cursors, checkpoints), stored in the database.
 * For a checkpoint that must move together with stored records, put it in the records
 * document instead (see encore.records/1): that write is atomic with the records.
 * ------------------------------------------------------------------------------------- */
#define ENCORE_KV_SERVICE_V1 "encore.kv/1"
typedef struct encore_kv_v1 {
  uint32_t struct_size;
  /* On ENCORE_OK `*value_out` is a new NUL-terminated buffer of `*len_out` bytes (the NUL
   * not counted), released with host->free. ENCORE_E_NOT_FOUND when absent. Keys are
   * 1..200 bytes; values at most 1 MiB. All three: [any thread] */
  int32_t (*get)(const encore_host *host, const char *key, char **value_out, size_t *len_out);
  int32_t (*set)(const encore_host *host, const char *key, const char *value, size_t len);
  int32_t (*remove)(const encore_host *host, const char *key);
} encore_kv_v1;

/* ---------------------------------------------------------------------------------------
 * encore.http/1 -- every request a plugin makes goes through the host: TLS verification
 * against the system CAs, timeouts, a response size cap, connection reuse, the proxy from
 * the environment, a per-host request budget, Retry-After pauses and circuit breakers.
 * ------------------------------------------------------------------------------------- */
typedef struct encore_http_header {
  const char *name;
  const char *value;
} encore_http_header;

#define ENCORE_HTTP_AUTH_NONE 0
#define ENCORE_HTTP_AUTH_OAUTH2                              \
  1 /* the host adds "Authorization: Bearer <token>" of this \
       plugin's connected account, refreshing the token when \
       it is near expiry; a 401 triggers one refresh and one \
       retry. Fails with ENCORE_E_NOT_CONNECTED or           \
       ENCORE_E_RECONNECT_NEEDED without sending. */

typedef struct encore_http_request {
  uint32_t struct_size;
  const char *method; /* "GET", "POST", "PUT", "DELETE" */
  const char *url;    /* absolute http:// or https:// URL, query already encoded */
  const encore_http_header *headers;
  uint32_t header_count;
  const uint8_t *body; /* may be NULL when body_len is 0 */
  size_t body_len;
  int64_t timeout_ms; /* 0: the host default (connect 10 s, read 30 s) */
  int32_t auth;       /* ENCORE_HTTP_AUTH_* */
} encore_http_request;

typedef struct encore_http_response encore_http_response; /* opaque, owned by the host */

#define ENCORE_HTTP_SERVICE_V1 "encore.http/1"
typedef struct encore_http_v1 {
  uint32_t struct_size;
  /* Sends `request` for `run`. Waits for the host's request budget for that remote host
   * (cancellable). Returns ENCORE_OK whenever an HTTP response arrived, whatever its
   * status; `*response_out` is then released with `release`. A 429 pauses every request
   * to that host until its Retry-After has passed; 5xx and network failures count toward
   * that host's breaker. On failure `*error_out`, when error_out is not NULL, receives a
   * message released with host->free. [run] */
  int32_t (*send)(encore_run *run, const encore_http_request *request,
                  encore_http_response **response_out, char **error_out);
  /* The HTTP status. [run], as are body, header and release. */
  int32_t (*status)(const encore_http_response *response);
  /* The body; valid until `release`. Always followed by a NUL byte not counted in len. */
  const uint8_t *(*body)(const encore_http_response *response, size_t *len_out);
  /* A response header by case-insensitive name, or NULL. Valid until `release`. */
  const char *(*header)(const encore_http_response *response, const char *name);
  void (*release)(encore_http_response *response);
  /* Sets this plugin's request budget for the host of `base_url`: at most `max_requests`
   * per rolling `window_ms`. max_requests 0 removes the budget. [any thread] */
  int32_t (*set_rate_limit)(const encore_host *host, const char *base_url, uint32_t max_requests,
                            int64_t window_ms);
  /* ABI 1.1 (ENCORE_HAS_FIELD(http, pause_host)). Holds every request to the host of
   * `url` for `ms` milliseconds (at most 7 days), as a 429 with Retry-After does, for
   * upstreams that signal a rate limit in the body of another status (Last.fm's error 29
   * with HTTP 200). The scheduler holds the plugin's jobs meanwhile and /api/workers shows
   * until when, with `reason` (copied). [run] */
  int32_t (*pause_host)(encore_run *run, const char *url, int64_t ms, const char *reason);
} encore_http_v1;

/* ---------------------------------------------------------------------------------------
 * encore.records/1 -- the plugin's output. Domain documents (artists, albums, tracks,
 * playlists, playlist items, library items, plays, ...) travel as JSON of the schema in
 * plugin_api/README.md. One call is one page: validated as a whole, then stored in ONE
 * transaction together with its checkpoint, so a crash never splits a page from its cursor.
 *
 * Document: {"records": [ ... ],
 *            "checkpoint": {"<kv key>": "<value>" | null, ...},   optional
 *            "items_done": ["<external id>", ...]}                  optional, gradual jobs
 * ------------------------------------------------------------------------------------- */
#define ENCORE_RECORDS_SERVICE_V1 "encore.records/1"

/* collection_end flags */
#define ENCORE_COLLECTION_KEEP_MISSING 0
#define ENCORE_COLLECTION_REMOVE_MISSING 1

typedef struct encore_records_v1 {
  uint32_t struct_size;
  /* Validates and stores one document (at most 16 MiB). ENCORE_E_REJECTED when any record
   * is invalid: nothing of the document is stored, `*error_out` (if not NULL) names the
   * first bad record, and the run is marked failed with that reason. [run] */
  int32_t (*submit)(encore_run *run, const char *json, size_t len, char **error_out);

  /* Full-collection sync with removal. A plugin that re-reads a whole collection (followed
   * artists, saved albums, liked songs, the user's playlists) brackets it:
   * collection_begin, then submits whose library_item records name the collection, then
   * collection_end. With ENCORE_COLLECTION_REMOVE_MISSING, members not seen since the
   * begin are removed from the collection (and entities left in no collection and without
   * plays are deleted). A begin after an unfinished one (crash, cancellation) continues
   * the same pass, so a resumed sync does not remove what it saw before the crash.
   * `collection` is [a-z0-9_]{1,64}. Both: [run] */
  int32_t (*collection_begin)(encore_run *run, const char *collection);
  int32_t (*collection_end)(encore_run *run, const char *collection, int32_t flags);

  /* For change detection: on ENCORE_OK `*value_out` is a new string (host->free) holding
   * the stored value of `field` for entity (`type`, external `id`) of this plugin's
   * source, e.g. a playlist's "snapshot_id". ENCORE_E_NOT_FOUND when unknown. [run] */
  int32_t (*get_field)(encore_run *run, const char *type, const char *id, const char *field,
                       char **value_out);
} encore_records_v1;

/* ---------------------------------------------------------------------------------------
 * encore.run/1 -- facts about the current run.
 * ------------------------------------------------------------------------------------- */
#define ENCORE_RUN_SERVICE_V1 "encore.run/1"
typedef struct encore_run_v1 {
  uint32_t struct_size;
  /* The declared job / importer / sink id of this run. Valid during the run. [run] */
  const char *(*id)(encore_run *run);
  /* Gradual jobs: the items handed to this run (the N stalest, oldest first), as external
   * ids of entities of the job's `item_type`. Valid during the run. Report each one done
   * through "items_done" in a records document. Both: [run] */
  uint32_t (*item_count)(encore_run *run);
  const char *(*item_at)(encore_run *run, uint32_t index);
  /* 1 when this run was started by a user ("Run now"), else 0. [run] */
  int32_t (*is_manual)(encore_run *run);
  /* ABI 1.1 (ENCORE_HAS_FIELD(run_v1, set_error)). The plugin's own explanation of why
   * the run fails ("Last.fm user 'x' hides their listening"), copied (at most 1 KiB): it
   * becomes the run's error, shown as last_error in /api/workers after the code's meaning
   * (encore_status_text), when the callback then returns an error code. A later call
   * replaces an earlier one. Never put secrets in it. [run] */
  void (*set_error)(encore_run *run, const char *message);
} encore_run_v1;

/* ---------------------------------------------------------------------------------------
 * encore.oauth2/1 -- the host runs the OAuth2 authorization-code flow (with PKCE) for a
 * plugin: GET /auth/<plugin>/login redirects to the provider, GET /auth/<plugin>/callback
 * exchanges the code and stores the tokens; requests with ENCORE_HTTP_AUTH_OAUTH2 get
 * the bearer token. The plugin only describes the provider.
 * ------------------------------------------------------------------------------------- */
typedef struct encore_oauth2_provider {
  uint32_t struct_size;
  const char *authorize_url;         /* absolute, e.g. "https://accounts.spotify.com/authorize" */
  const char *token_url;             /* absolute, e.g. "https://accounts.spotify.com/api/token" */
  const char *scopes;                /* space-separated */
  const char *client_id_setting;     /* this plugin's setting key holding the client id */
  const char *client_secret_setting; /* its SECRET setting key; NULL for public clients */
  int32_t use_pkce;                  /* 1: send an S256 code challenge */
} encore_oauth2_provider;

#define ENCORE_OAUTH2_STATE_NOT_CONNECTED 0
#define ENCORE_OAUTH2_STATE_CONNECTED 1
#define ENCORE_OAUTH2_STATE_RECONNECT_NEEDED 2

#define ENCORE_OAUTH2_SERVICE_V1 "encore.oauth2/1"
typedef struct encore_oauth2_v1 {
  uint32_t struct_size;
  /* Registers the provider. The host copies it. [init] */
  int32_t (*register_provider)(const encore_host *host, const encore_oauth2_provider *provider);
  /* ENCORE_OAUTH2_STATE_*. [any thread] */
  int32_t (*state)(const encore_host *host);
  /* A valid access token, refreshed first when it expires within 5 minutes. On ENCORE_OK
   * `*token_out` is a new string (host->free). ENCORE_E_NOT_CONNECTED or
   * ENCORE_E_RECONNECT_NEEDED otherwise. Prefer ENCORE_HTTP_AUTH_OAUTH2 on requests.
   * [run] */
  int32_t (*access_token)(encore_run *run, char **token_out);
} encore_oauth2_v1;

/* ---------------------------------------------------------------------------------------
 * encore.import/1 -- what an importer reads. The host hands one file (an uploaded .json or
 * .csv, or one entry of an uploaded .zip) as a byte stream; the plugin emits plays
 * through encore.records/1 and reports progress.
 * ------------------------------------------------------------------------------------- */
#define ENCORE_IMPORT_SERVICE_V1 "encore.import/1"
typedef struct encore_import_v1 {
  uint32_t struct_size;
  /* The file's base name (an entry's base name inside a zip). Valid during the run.
   * Every function of encore.import/1: [run] */
  const char *(*file_name)(encore_run *run);
  /* Its size in bytes, or -1 when unknown. */
  int64_t (*file_size)(encore_run *run);
  /* Reads up to `capacity` bytes into `buffer`; `*read_out` is 0 at the end of the file.
   * ENCORE_E_CANCELLED when the import is being cancelled. */
  int32_t (*read)(encore_run *run, uint8_t *buffer, size_t capacity, size_t *read_out);
  /* Records how far the importer got: `processed` entries of about `total` (-1 unknown).
   * Call it with each submitted page. */
  void (*progress)(encore_run *run, int64_t processed, int64_t total);
  /* Adds one skipped entry with its reason (e.g. "under 30 s", "podcast episode"). The
   * host counts them per reason for GET /api/imports/{id}. */
  void (*skip)(encore_run *run, const char *reason);
  /* An import resumed after a restart: the number of entries of this file whose pages
   * were already stored. The importer skips that many entries before emitting. */
  int64_t (*resume_from)(encore_run *run);
} encore_import_v1;

/* ---------------------------------------------------------------------------------------
 * encore.sink/1 -- what a sink receives: a document to push upstream (a smart playlist).
 * ------------------------------------------------------------------------------------- */
#define ENCORE_SINK_SERVICE_V1 "encore.sink/1"
typedef struct encore_sink_v1 {
  uint32_t struct_size;
  /* The JSON document to push (schema in plugin_api/README.md). Valid during the run.
   * [run] */
  const char *(*document)(encore_run *run, size_t *len_out);
  /* Sets the JSON result the host stores (e.g. {"external_id": "...", "url": "..."});
   * copied. At most once per run. [run] */
  int32_t (*set_result)(encore_run *run, const char *json, size_t len);
} encore_sink_v1;

/* ---------------------------------------------------------------------------------------
 * What a plugin declares.
 * ------------------------------------------------------------------------------------- */

/* Run callbacks return ENCORE_OK on success. Any other code marks the run failed; the
 * host records the code's meaning, followed by the plugin's set_error text or else the
 * last failed service call's message. [worker thread] */
typedef int32_t (*encore_run_fn)(void *plugin_state, encore_run *run);

typedef struct encore_job_decl {
  uint32_t struct_size;
  const char *id; /* [a-z0-9_]{1,64}; the host names the job "<plugin>.<id>" */
  const char *title;
  const char *description;
  /* Cooldown between the end of one run and the next start. When `cooldown_setting` names
   * one of the plugin's INT settings, its value times `cooldown_unit_seconds` (60 for a
   * setting in minutes) is used, read afresh at every scheduler cycle. */
  int64_t default_cooldown_seconds;
  const char *cooldown_setting; /* optional */
  int64_t cooldown_unit_seconds;
  const char *enabled_setting; /* optional BOOL setting that turns this job on and off */
  /* Gradual jobs work through a large set a little at a time: each run receives the
   * `batch_size` (or `batch_setting`) stalest entities of `item_type` from this plugin's
   * source -- never processed by this job, or last processed more than `item_stale_seconds`
   * ago, oldest first -- through encore.run/1. A gradual run with nothing stale is not
   * started. */
  int32_t gradual;
  int64_t batch_size;
  const char *batch_setting;   /* optional INT setting */
  const char *item_type;       /* "artist", "album", "playlist" or "track" */
  int64_t item_stale_seconds;  /* 0: 24 hours */
  const char *item_collection; /* optional: only members of this library collection, e.g.
                                  "followed_artists" */
  encore_run_fn run;
} encore_job_decl;

typedef struct encore_importer_decl {
  uint32_t struct_size;
  const char *id; /* [a-z0-9_]{1,64} */
  const char *title;
  /* How sure the importer is that it reads this file, 0 (not mine) to 100, from its base
   * name and first bytes (`head`, up to 4096 bytes). The host picks the highest score.
   * [worker thread] */
  int32_t (*probe)(void *plugin_state, const char *file_name, const uint8_t *head, size_t head_len);
  encore_run_fn run; /* reads through encore.import/1, submits plays */
} encore_importer_decl;

typedef struct encore_sink_decl {
  uint32_t struct_size;
  const char *id; /* [a-z0-9_]{1,64} */
  const char *title;
  const char *accepts; /* document type it takes, e.g. "playlist_push" */
  encore_run_fn push;  /* reads through encore.sink/1 */
} encore_sink_decl;

typedef struct encore_plugin_entry_t {
  uint32_t struct_size; /* sizeof(encore_plugin_entry_t) the plugin was built with */
  uint32_t abi_major;   /* ENCORE_ABI_MAJOR: must equal the host's */
  uint32_t abi_minor;   /* ENCORE_ABI_MINOR: must be <= the host's */
  const char *id;       /* [a-z][a-z0-9_]{0,31}: settings prefix, job prefix, source name */
  const char *name;     /* display name */
  const char *version;  /* the plugin's own version, free text */
  const char *description;

  /* Called once after loading, on the main thread, before any other callback. Declares
   * settings, registers an OAuth2 provider, sets request budgets. Returns ENCORE_OK and
   * may set `*state_out` to the plugin's own state, passed to every later callback. Any
   * other code refuses the plugin (log why through encore.log/1 first). `host` stays
   * valid until shutdown returns. [main thread] */
  int32_t (*init)(const encore_host *host, void **state_out);
  /* Called once before unloading, after every run ended. Frees the plugin's state.
   * [main thread] */
  void (*shutdown)(void *plugin_state);

  /* Master toggle: an optional BOOL setting key; while false, no job of the plugin runs. */
  const char *enabled_setting;

  const encore_job_decl *const *jobs;
  uint32_t job_count;
  const encore_importer_decl *const *importers;
  uint32_t importer_count;
  const encore_sink_decl *const *sinks;
  uint32_t sink_count;
} encore_plugin_entry_t;

/* Defines the exported entry from C or C++:  ENCORE_PLUGIN_ENTRY = { ... };  */
#ifdef __cplusplus
#define ENCORE_PLUGIN_ENTRY extern "C" ENCORE_EXPORT const encore_plugin_entry_t encore_plugin_entry
#else
#define ENCORE_PLUGIN_ENTRY ENCORE_EXPORT const encore_plugin_entry_t encore_plugin_entry
#endif

/* The size of the smallest entry struct this ABI major accepts. */
#define ENCORE_PLUGIN_ENTRY_MIN_SIZE \
  (offsetof(encore_plugin_entry_t, sink_count) + sizeof(uint32_t))

#ifdef __cplusplus
}
#endif

#endif /* ENCORE_PLUGIN_API_H */
