-- detente store, schema version 1.
-- One table per record kind, with the contract's field names as columns, so
-- that plain SQL, DuckDB and Datasette read the store without detente.
-- Nested fields (lists, speakers, actor lists, locations) are JSON text.
-- Every record row says which run made it (runs: detente and rules versions,
-- model, settings) and which stage (name.vN).

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    command TEXT NOT NULL,
    detente_version TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    stages TEXT NOT NULL,            -- JSON list of stage names with versions
    model TEXT,                      -- JSON: spaCy model name, version, pipes
    settings TEXT NOT NULL,          -- JSON: the run's full settings
    articles_added INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,             -- first 16 hex digits of sha256
    ref TEXT NOT NULL,
    title TEXT,
    published TEXT,
    date_source TEXT,
    source TEXT,
    url TEXT,
    canonical_url TEXT,
    language TEXT,
    language_confidence REAL,
    encoding TEXT,
    sha256 TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    n_chars INTEGER NOT NULL,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id),
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url)
    WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    sentence INTEGER,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_label_text ON mentions(label, text);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    code TEXT,
    sector TEXT,
    role TEXT,
    mentions TEXT NOT NULL,          -- JSON list of {start, end}
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX actors_article ON actors(article_id);
CREATE INDEX actors_code ON actors(code);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    direct INTEGER NOT NULL,
    speaker TEXT,                    -- JSON {name, code, role, actor_id}
    cue TEXT,
    confidence REAL NOT NULL,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE times (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    granularity TEXT,
    warning TEXT,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX times_article ON times(article_id);
CREATE INDEX times_value ON times(value);

CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    name TEXT,
    geonameid INTEGER,
    country TEXT,
    latitude REAL,
    longitude REAL,
    feature TEXT,
    confidence REAL NOT NULL,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX places_article ON places(article_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    context TEXT NOT NULL,           -- JSON list
    actor TEXT NOT NULL,             -- JSON list of {name, code, actor_id}
    recipient TEXT NOT NULL,         -- JSON list of {name, code, actor_id}
    date TEXT,
    date_precision TEXT,
    status TEXT NOT NULL,
    location TEXT,                   -- JSON place record
    trigger TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    score REAL,
    quad INTEGER,
    confidence REAL NOT NULL,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type_date ON events(type, date);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    quantity REAL,
    approximate INTEGER NOT NULL,
    unit TEXT,
    claimant TEXT,                   -- JSON {name, code}
    subject TEXT,                    -- JSON {name, code}
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX claims_article ON claims(article_id);

CREATE TABLE happenings (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    status TEXT NOT NULL,
    location TEXT,
    score REAL,
    quad INTEGER,
    event_ids TEXT NOT NULL,         -- JSON list of event ids
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    confidence REAL NOT NULL,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);

CREATE TABLE stances (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,             -- JSON {name, code, actor_id}
    issue TEXT NOT NULL,
    position TEXT NOT NULL,
    date TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX stances_article ON stances(article_id);
CREATE INDEX stances_issue ON stances(issue);

-- Inputs that could not be processed. One row per (ref, code, reason): a
-- re-run that meets the same problem updates last_run_id instead of adding.
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,
    reason TEXT NOT NULL,
    code TEXT,
    article_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
    stage TEXT,
    run_id INTEGER REFERENCES runs(id),
    last_run_id INTEGER REFERENCES runs(id),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX errors_unique ON errors(ref, code, reason);
