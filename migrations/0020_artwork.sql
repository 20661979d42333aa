-- The artwork cache: one row per artist, album or playlist whose record carried images.
-- The file is <data-dir>/artwork/<source>/<kind>/<external_id>.webp. `url` is the source
-- image wanted (the best of the entity's list); `file_url` is the one the file was made
-- from, so an unchanged URL is never fetched again and a changed one is. Failures are
-- kept per entity: the last error, how often it happened and when to try again.

CREATE TABLE artwork (
  source TEXT NOT NULL,            -- plugin id
  kind TEXT NOT NULL,              -- 'artists' | 'albums' | 'playlists' (the folder name)
  external_id TEXT NOT NULL,
  url TEXT,                        -- NULL: the entity has no image (any more)
  file_url TEXT,                   -- NULL: no file on disk
  bytes INTEGER NOT NULL DEFAULT 0,-- size of the file
  stored_at INTEGER,               -- when the file was written
  error TEXT,                      -- why `url` could not be cached, NULL when fine
  error_at INTEGER,
  permanent INTEGER NOT NULL DEFAULT 0, -- 1: the image itself is bad, 0: may pass later
  attempts INTEGER NOT NULL DEFAULT 0,  -- failures in a row for `url`
  retry_at INTEGER NOT NULL DEFAULT 0,  -- no new attempt before this time
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (source, kind, external_id)
) WITHOUT ROWID;

-- The work list: rows whose file is missing or stale, by when they may be tried.
CREATE INDEX artwork_pending ON artwork (source, retry_at)
  WHERE url IS NOT NULL AND (file_url IS NULL OR file_url <> url);
CREATE INDEX artwork_errors ON artwork (error_at) WHERE error IS NOT NULL;
