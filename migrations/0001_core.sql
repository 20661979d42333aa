-- The daemon's own state: settings, per-plugin key/value state, job runs, upstream pauses
-- and OAuth accounts. Times are Unix milliseconds (UTC) unless a column says otherwise.

CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,            -- "<owner>.<name>", e.g. "spotify.auto_sync_enabled"
  value TEXT NOT NULL,             -- the value as a JSON scalar
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE plugin_kv (
  plugin TEXT NOT NULL,
  key TEXT NOT NULL,
  value BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (plugin, key)
) WITHOUT ROWID;

CREATE TABLE job_runs (
  id INTEGER PRIMARY KEY,
  job TEXT NOT NULL,               -- "<plugin>.<job id>"
  trigger TEXT NOT NULL,           -- 'schedule' | 'manual'
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  status TEXT NOT NULL,            -- 'running' | 'ok' | 'failed' | 'cancelled' | 'interrupted'
  items INTEGER NOT NULL DEFAULT 0,-- records stored by the run
  error TEXT
);
CREATE INDEX job_runs_by_job ON job_runs (job, id);

-- A remote host answered 429 with Retry-After: no request goes there before until_ms,
-- across restarts.
CREATE TABLE host_pauses (
  host TEXT PRIMARY KEY,           -- "scheme://host:port"
  until_ms INTEGER NOT NULL,
  reason TEXT NOT NULL,
  plugin TEXT NOT NULL             -- whose request was answered with 429
) WITHOUT ROWID;

CREATE TABLE oauth_accounts (
  plugin TEXT PRIMARY KEY,
  state TEXT NOT NULL,             -- 'connected' | 'reconnect_needed'
  access_token TEXT,
  refresh_token TEXT,
  expires_at INTEGER,
  scope TEXT,
  last_error TEXT,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
