-- Across articles (issue 7): which events each happening merges, and what
-- the merger needs to find candidates quickly and to update a happening
-- incrementally (its type family, its date window, when it was first and
-- last reported, and by which sources).

CREATE TABLE happening_events (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    happening_id TEXT NOT NULL REFERENCES happenings(id) ON DELETE CASCADE
);
CREATE INDEX happening_events_happening ON happening_events(happening_id);

-- An index of happenings by what a new event must share with one to join
-- it: a participant (a code, or "name:<lower-case name>"), the type family
-- and an ISO week its date window touches. A new event's candidates are
-- then a lookup, not a scan of every happening with a common actor.
CREATE TABLE happening_keys (
    key TEXT NOT NULL,
    family TEXT NOT NULL,
    week TEXT NOT NULL,              -- "2022-W02"
    happening_id TEXT NOT NULL REFERENCES happenings(id) ON DELETE CASCADE,
    PRIMARY KEY (key, family, week, happening_id)
) WITHOUT ROWID;
CREATE INDEX happening_keys_happening ON happening_keys(happening_id);

ALTER TABLE happenings ADD COLUMN family TEXT;
ALTER TABLE happenings ADD COLUMN window_start TEXT;   -- ISO day, or NULL when undated
ALTER TABLE happenings ADD COLUMN window_end TEXT;
ALTER TABLE happenings ADD COLUMN first_reported TEXT; -- earliest member article's publication day
ALTER TABLE happenings ADD COLUMN last_reported TEXT;
ALTER TABLE happenings ADD COLUMN sources TEXT;        -- JSON list of source keys
CREATE INDEX happenings_date ON happenings(date);
