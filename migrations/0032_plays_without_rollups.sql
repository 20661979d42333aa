-- Statistics come from the stats engine's own in-memory index of plays (docs/STATS.md): it
-- reads plays by id, converts times to the user's zone itself and is told about rewrites by
-- the counters of 0040. Nothing reads the local-time column, the rollups or the indexes that
-- only grouping by artist or album would use, yet every stored play paid for them (two
-- trigger upserts and two more indexes: most of the time of a large import), and a change
-- of the time zone setting rewrote every play. They go. See docs/HISTORY.md.

DROP TRIGGER plays_rollup_insert;
DROP TRIGGER plays_rollup_delete;
DROP TRIGGER plays_rollup_update;
DROP TABLE play_hours;
DROP TABLE track_months;

DROP INDEX plays_by_artist;
DROP INDEX plays_by_album;
ALTER TABLE plays DROP COLUMN local_at;
DROP TABLE history_meta;

-- Deleting an album (rolling back an import) checks that no track still names it.
CREATE INDEX music_tracks_by_album ON music_tracks (album_id);
