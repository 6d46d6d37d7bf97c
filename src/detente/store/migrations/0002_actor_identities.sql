-- One identity per person, country, organisation or group across the corpus
-- (issue 3): actor records carry the key the actors stage gives them
-- ("person:julianne-smith", "country:RUS"), and the store keeps each key's
-- canonical name, the names and surface forms seen for it, and counts.

ALTER TABLE actors ADD COLUMN identity TEXT;
CREATE INDEX actors_identity ON actors(identity);

CREATE TABLE identities (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    code TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0,
    first_published TEXT,
    last_published TEXT
);
CREATE INDEX identities_code ON identities(code);
CREATE INDEX identities_name ON identities(name COLLATE NOCASE);

CREATE TABLE identity_aliases (
    key TEXT NOT NULL REFERENCES identities(key) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (key, alias)
);
CREATE INDEX identity_aliases_alias ON identity_aliases(alias COLLATE NOCASE);
