-- Library entities, filled from plugins' records. Every entity is keyed by the plugin that
-- knows it (source) and that plugin's own id for it (external_id), so a third-party source
-- fits without a new migration. Fields a table has no column for stay in `extra` (JSON).

CREATE TABLE artists (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  genres TEXT,                     -- JSON array of strings
  popularity INTEGER,              -- 0..100
  followers INTEGER,
  url TEXT,
  images TEXT,                     -- JSON [{"url","width","height"}]
  extra TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (source, external_id)
);

CREATE TABLE albums (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  album_type TEXT,                 -- album | single | compilation
  release_date TEXT,               -- as given: YYYY, YYYY-MM or YYYY-MM-DD
  total_tracks INTEGER,
  popularity INTEGER,
  url TEXT,
  images TEXT,
  extra TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (source, external_id)
);

CREATE TABLE album_artists (
  album_id INTEGER NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
  artist_id INTEGER NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (album_id, artist_id)
) WITHOUT ROWID;
CREATE INDEX album_artists_by_artist ON album_artists (artist_id);

CREATE TABLE tracks (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  album_id INTEGER REFERENCES albums (id) ON DELETE SET NULL,
  duration_ms INTEGER,
  explicit INTEGER,
  popularity INTEGER,
  isrc TEXT,
  disc_number INTEGER,
  track_number INTEGER,
  uri TEXT,                        -- e.g. "spotify:track:..."
  url TEXT,
  extra TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (source, external_id)
);
CREATE INDEX tracks_by_album ON tracks (album_id);

CREATE TABLE track_artists (
  track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  artist_id INTEGER NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (track_id, artist_id)
) WITHOUT ROWID;
CREATE INDEX track_artists_by_artist ON track_artists (artist_id);

CREATE TABLE playlists (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  owner_id TEXT,
  owner_name TEXT,
  track_count INTEGER,
  snapshot_id TEXT,
  is_public INTEGER,
  is_collaborative INTEGER,
  is_liked_songs INTEGER NOT NULL DEFAULT 0,
  url TEXT,
  images TEXT,
  extra TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (source, external_id)
);

-- One row per position. item_type: 'track' | 'episode' | 'local' | 'unavailable'.
CREATE TABLE playlist_items (
  playlist_id INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  item_type TEXT NOT NULL,
  track_id INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
  name TEXT,                       -- for episodes and local files, which have no track row
  uri TEXT,
  added_at TEXT,
  added_by TEXT,
  PRIMARY KEY (playlist_id, position)
) WITHOUT ROWID;
CREATE INDEX playlist_items_by_track ON playlist_items (track_id);

-- Membership of the user's collections: 'followed_artists', 'saved_albums', 'liked_tracks',
-- 'playlists' (the user's own and followed playlists). `pass` is the collection sync pass
-- that last saw the item; see collection_passes.
CREATE TABLE library_items (
  source TEXT NOT NULL,
  collection TEXT NOT NULL,
  entity_type TEXT NOT NULL,       -- 'artist' | 'album' | 'track' | 'playlist'
  entity_id INTEGER NOT NULL,
  added_at TEXT,
  pass INTEGER NOT NULL,
  PRIMARY KEY (source, collection, entity_type, entity_id)
) WITHOUT ROWID;
CREATE INDEX library_items_by_entity ON library_items (entity_type, entity_id);

-- A full re-read of a collection: begun, items marked with the pass number, ended. An
-- unfinished pass (open = 1) is continued by the next begin, so a crash mid-sync never
-- removes what the interrupted pass had already seen.
CREATE TABLE collection_passes (
  source TEXT NOT NULL,
  collection TEXT NOT NULL,
  pass INTEGER NOT NULL,
  open INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  PRIMARY KEY (source, collection)
) WITHOUT ROWID;

-- Gradual jobs: when each entity was last processed by each job (e.g. an artist's albums).
CREATE TABLE gradual_progress (
  job TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  synced_at INTEGER NOT NULL,
  PRIMARY KEY (job, entity_type, entity_id)
) WITHOUT ROWID;
