-- The plays model, second step: identity that survives releases and spellings, the data a
-- rolled-back import needs, and what statistics read (local time, indexes, rollups).
-- See docs/HISTORY.md.

-- Identity. norm_key is now "artist\x1ftitle\x1falbum" (normalized, docs/HISTORY.md);
-- song_key is "artist\x1ftitle": the same song on any release. Two plays of one song that
-- start within 30 s of each other are one listening, whatever track row each resolved to.
ALTER TABLE music_tracks ADD COLUMN song_key TEXT;
UPDATE music_tracks SET song_key = norm_key WHERE song_key IS NULL;
CREATE INDEX music_tracks_by_song ON music_tracks (song_key);

-- Every Spotify track URI a canonical track is known by (a song has one URI per release,
-- and Spotify relinks). music_tracks.spotify_uri keeps the first one.
CREATE TABLE music_track_uris (
  uri TEXT PRIMARY KEY,
  track_id INTEGER NOT NULL REFERENCES music_tracks (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX music_track_uris_by_track ON music_track_uris (track_id);
INSERT INTO music_track_uris (uri, track_id)
  SELECT spotify_uri, id FROM music_tracks WHERE spotify_uri IS NOT NULL;

ALTER TABLE music_albums ADD COLUMN first_played_at INTEGER;
CREATE INDEX music_albums_by_artist ON music_albums (artist_id);
CREATE INDEX music_artists_by_first_play ON music_artists (first_played_at);
CREATE INDEX music_tracks_by_first_play ON music_tracks (first_played_at);

-- local_at: started_at as wall-clock seconds in history_meta.time_zone (the user's zone,
--   DST included): local day = local_at / 86400, hour = local_at % 86400 / 3600,
--   weekday = (local_at / 86400 + 4) % 7 with 0 = Sunday. Recomputed for every play when
--   the zone setting changes.
-- import_id: the import that stored the play while that import can still be rolled back;
--   cleared when another source reports the same listening (so a failed import never
--   takes a play someone else saw with it).
ALTER TABLE plays ADD COLUMN local_at INTEGER;
ALTER TABLE plays ADD COLUMN import_id INTEGER;
CREATE INDEX plays_by_artist ON plays (artist_id, started_at);
CREATE INDEX plays_by_album ON plays (album_id, started_at);

CREATE TABLE history_meta (
  key TEXT PRIMARY KEY,            -- 'time_zone': the IANA zone local_at is computed in
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO history_meta (key, value) VALUES ('time_zone', 'UTC');

-- Rollups kept by the triggers below, so statistics over years read thousands of rows
-- instead of millions. Both are in local time.
CREATE TABLE play_hours (
  local_hour INTEGER PRIMARY KEY,  -- local_at / 3600
  plays INTEGER NOT NULL,
  ms_played INTEGER NOT NULL
);
CREATE TABLE track_months (
  month INTEGER NOT NULL,          -- local YYYYMM, e.g. 202405
  track_id INTEGER NOT NULL,
  plays INTEGER NOT NULL,
  ms_played INTEGER NOT NULL,
  PRIMARY KEY (month, track_id)
) WITHOUT ROWID;
CREATE INDEX track_months_by_track ON track_months (track_id, month);

CREATE TRIGGER plays_rollup_insert AFTER INSERT ON plays WHEN NEW.local_at IS NOT NULL
BEGIN
  INSERT INTO play_hours (local_hour, plays, ms_played) VALUES (NEW.local_at / 3600, 1, NEW.ms_played)
    ON CONFLICT (local_hour) DO UPDATE SET plays = plays + 1, ms_played = ms_played + excluded.ms_played;
  INSERT INTO track_months (month, track_id, plays, ms_played)
    VALUES (CAST(strftime('%Y%m', NEW.local_at, 'unixepoch') AS INTEGER), NEW.track_id, 1, NEW.ms_played)
    ON CONFLICT (month, track_id) DO UPDATE SET plays = plays + 1, ms_played = ms_played + excluded.ms_played;
END;

CREATE TRIGGER plays_rollup_delete AFTER DELETE ON plays WHEN OLD.local_at IS NOT NULL
BEGIN
  UPDATE play_hours SET plays = plays - 1, ms_played = ms_played - OLD.ms_played
    WHERE local_hour = OLD.local_at / 3600;
  DELETE FROM play_hours WHERE local_hour = OLD.local_at / 3600 AND plays <= 0;
  UPDATE track_months SET plays = plays - 1, ms_played = ms_played - OLD.ms_played
    WHERE month = CAST(strftime('%Y%m', OLD.local_at, 'unixepoch') AS INTEGER) AND track_id = OLD.track_id;
  DELETE FROM track_months
    WHERE month = CAST(strftime('%Y%m', OLD.local_at, 'unixepoch') AS INTEGER) AND track_id = OLD.track_id
      AND plays <= 0;
END;

-- A changed ms_played or track moves the play's share; a relocalization (local_at changes
-- from NULL) does not fire this and rebuilds the rollups itself.
CREATE TRIGGER plays_rollup_update AFTER UPDATE OF ms_played, track_id, local_at ON plays
  WHEN OLD.local_at IS NOT NULL AND NEW.local_at IS NOT NULL
BEGIN
  UPDATE play_hours SET plays = plays - 1, ms_played = ms_played - OLD.ms_played
    WHERE local_hour = OLD.local_at / 3600;
  DELETE FROM play_hours WHERE local_hour = OLD.local_at / 3600 AND plays <= 0;
  UPDATE track_months SET plays = plays - 1, ms_played = ms_played - OLD.ms_played
    WHERE month = CAST(strftime('%Y%m', OLD.local_at, 'unixepoch') AS INTEGER) AND track_id = OLD.track_id;
  DELETE FROM track_months
    WHERE month = CAST(strftime('%Y%m', OLD.local_at, 'unixepoch') AS INTEGER) AND track_id = OLD.track_id
      AND plays <= 0;
  INSERT INTO play_hours (local_hour, plays, ms_played) VALUES (NEW.local_at / 3600, 1, NEW.ms_played)
    ON CONFLICT (local_hour) DO UPDATE SET plays = plays + 1, ms_played = ms_played + excluded.ms_played;
  INSERT INTO track_months (month, track_id, plays, ms_played)
    VALUES (CAST(strftime('%Y%m', NEW.local_at, 'unixepoch') AS INTEGER), NEW.track_id, 1, NEW.ms_played)
    ON CONFLICT (month, track_id) DO UPDATE SET plays = plays + 1, ms_played = ms_played + excluded.ms_played;
END;
