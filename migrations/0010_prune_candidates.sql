-- Tracks a playlist re-read may have left without any reference: replaced at a position,
-- or cut off the end. They are examined when that playlist's pass ends (its
-- playlist_truncate record), not at once: a track that only moved to a later page of the
-- same playlist is written there again before the pass ends and must survive.
CREATE TABLE prune_candidates (
  playlist_id INTEGER NOT NULL,    -- playlists.id whose pass will examine the track
  track_id INTEGER NOT NULL,       -- tracks.id
  PRIMARY KEY (playlist_id, track_id)
) WITHOUT ROWID;
