-- Imports of export files (Spotify data export, Last.fm scrobble CSV), through importer
-- plugins. One row per import; one per file read (an uploaded .zip has several); skipped
-- entries counted per reason. See docs/IMPORTS.md.

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL,            -- 'upload' (the daemon owns the file) | 'cli'
  file_name TEXT NOT NULL,         -- the name the user gave
  path TEXT NOT NULL,              -- where it is read from
  size INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,       -- size and a hash of the head and tail: recognises a re-run
  state TEXT NOT NULL,             -- 'queued' | 'running' | 'done' | 'failed'
  error TEXT,
  processed INTEGER NOT NULL DEFAULT 0,  -- entries read, over all files
  total INTEGER NOT NULL DEFAULT -1,     -- entries expected, -1 while unknown
  added INTEGER NOT NULL DEFAULT 0,      -- plays stored that no other source had
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX imports_by_state ON imports (state);

CREATE TABLE import_files (
  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,            -- order inside the upload (0 for a single file)
  name TEXT NOT NULL,              -- entry name inside a zip, or the file name
  importer TEXT,                   -- "<plugin>.<importer>", NULL when none took it
  state TEXT NOT NULL,             -- 'pending' | 'running' | 'done' | 'skipped' | 'failed'
  processed INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT -1,
  note TEXT,                       -- why it was skipped or failed
  PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;

CREATE TABLE import_skips (
  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (import_id, reason)
) WITHOUT ROWID;
