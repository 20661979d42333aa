-- Listening history: one row per play, whichever sources saw it, each linked to one
-- canonical track, artist and album. Identity is a Spotify id/URI when a source knew it,
-- else a normalized name key (see docs/HISTORY.md), so the same listening reported by
-- Last.fm, Spotify polling and a Spotify export is stored once.

CREATE TABLE music_artists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,              -- display name as first seen
  norm_name TEXT NOT NULL UNIQUE,  -- identity key
  spotify_id TEXT UNIQUE,
  first_played_at INTEGER          -- Unix seconds of the earliest play
);

CREATE TABLE music_albums (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  artist_id INTEGER NOT NULL REFERENCES music_artists (id),
  norm_key TEXT NOT NULL UNIQUE,
  spotify_id TEXT UNIQUE
);

CREATE TABLE music_tracks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  artist_id INTEGER NOT NULL REFERENCES music_artists (id),
  album_id INTEGER REFERENCES music_albums (id),
  norm_key TEXT NOT NULL UNIQUE,
  spotify_uri TEXT UNIQUE,
  duration_ms INTEGER,
  first_played_at INTEGER
);
CREATE INDEX music_tracks_by_artist ON music_tracks (artist_id);

CREATE TABLE plays (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,     -- Unix seconds, UTC: when the listening began
  ms_played INTEGER NOT NULL,
  track_id INTEGER NOT NULL REFERENCES music_tracks (id),
  artist_id INTEGER NOT NULL REFERENCES music_artists (id),  -- the track's, for fast stats
  album_id INTEGER REFERENCES music_albums (id),
  source TEXT NOT NULL             -- 'spotify-poll' | 'lastfm' | 'spotify-export' |
                                   -- 'lastfm-csv' | a third-party plugin's id
);
CREATE INDEX plays_by_time ON plays (started_at);
CREATE INDEX plays_by_track ON plays (track_id, started_at);
