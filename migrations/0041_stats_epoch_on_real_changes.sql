-- The library epoch tells the stats engine to reload popularity (tracks.popularity,
-- artists.popularity and followers). An upsert names those columns in its SET list on every
-- write, so the triggers of 0040 fired for every track and artist a sync touched: a write to
-- stats_epochs per row. They now fire only when a value the engine reads appears, changes or
-- disappears -- deletes were not counted before.

DROP TRIGGER stats_library_tracks_added;
DROP TRIGGER stats_library_tracks_changed;
DROP TRIGGER stats_library_artists_added;
DROP TRIGGER stats_library_artists_changed;

CREATE TRIGGER stats_library_tracks_added AFTER INSERT ON tracks
  WHEN NEW.popularity IS NOT NULL
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_library_tracks_changed AFTER UPDATE OF popularity ON tracks
  WHEN OLD.popularity IS NOT NEW.popularity
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_library_tracks_deleted AFTER DELETE ON tracks
  WHEN OLD.popularity IS NOT NULL
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;

CREATE TRIGGER stats_library_artists_added AFTER INSERT ON artists
  WHEN NEW.popularity IS NOT NULL OR NEW.followers IS NOT NULL
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_library_artists_changed AFTER UPDATE OF popularity, followers ON artists
  WHEN OLD.popularity IS NOT NEW.popularity OR OLD.followers IS NOT NEW.followers
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
CREATE TRIGGER stats_library_artists_deleted AFTER DELETE ON artists
  WHEN OLD.popularity IS NOT NULL OR OLD.followers IS NOT NULL
BEGIN UPDATE stats_epochs SET library_epoch = library_epoch + 1 WHERE id = 1; END;
