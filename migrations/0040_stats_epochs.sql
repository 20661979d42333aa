-- Change counters for the stats engine's in-memory play index (docs/STATS.md). New plays
-- are found by id (they only ever get larger ids), so inserts need no trigger; anything
-- that rewrites or removes what the index holds (a play's start, length or track; a
-- track's artist or album) bumps `plays_epoch` and the index is rebuilt. Updates of other
-- columns (a play's source, first_played_at) cost nothing. `library_epoch` moves when
-- popularity data of the library changes (mainstream stats).

CREATE TABLE stats_epochs (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  plays_epoch INTEGER NOT NULL,
  library_epoch INTEGER NOT NULL
);
INSERT INTO stats_epochs (id, plays_epoch, library_epoch) VALUES (1, 0, 0);

CREATE TRIGGER stats_plays_updated AFTER UPDATE OF started_at, ms_played, track_id ON plays
BEGIN UPDATE stats_epochs SET plays_epoch = plays_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_plays_deleted AFTER DELETE ON plays
BEGIN UPDATE stats_epochs SET plays_epoch = plays_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_tracks_relinked AFTER UPDATE OF artist_id, album_id ON music_tracks
BEGIN UPDATE stats_epochs SET plays_epoch = plays_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_tracks_deleted AFTER DELETE ON music_tracks
BEGIN UPDATE stats_epochs SET plays_epoch = plays_epoch + 1 WHERE id = 1; END;

CREATE TRIGGER stats_library_tracks_added AFTER INSERT ON tracks
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_library_tracks_changed AFTER UPDATE OF popularity, uri ON tracks
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_library_artists_added AFTER INSERT ON artists
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_library_artists_changed AFTER UPDATE OF popularity, followers ON artists
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_music_artists_linked AFTER UPDATE OF spotify_id ON music_artists
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_music_tracks_linked AFTER UPDATE OF spotify_uri ON music_tracks
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;

-- Smart playlists pushed through a sink: which upstream playlist each one became, so the
-- next push replaces that playlist's contents instead of creating another.
CREATE TABLE smart_playlist_pushes (
  playlist TEXT NOT NULL,          -- 'most_listened' | 'recent_favorites' | 'binged'
  sink TEXT NOT NULL,              -- "<plugin>.<sink id>"
  external_id TEXT,                -- the sink's id of the playlist it created
  url TEXT,
  tracks INTEGER,
  pushed_at INTEGER,               -- Unix ms of the last successful push
  attempted_at INTEGER NOT NULL,   -- Unix ms of the last attempt
  last_error TEXT,                 -- NULL after a success
  PRIMARY KEY (playlist, sink)
) WITHOUT ROWID;
