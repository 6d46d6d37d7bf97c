-- Quotes (issue 4): how each speaker was found, where the text names the
-- speaker, and the speech act the cue reports. Extensions to the contract's
-- quote record; the contract's own columns are unchanged.

ALTER TABLE quotes ADD COLUMN attribution TEXT;
ALTER TABLE quotes ADD COLUMN speaker_span TEXT;   -- JSON {start, end}
ALTER TABLE quotes ADD COLUMN act TEXT;
CREATE INDEX quotes_speaker_name ON quotes(json_extract(speaker, '$.name'));
