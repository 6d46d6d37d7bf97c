-- Places as geoparsing standards count them (issue 16): how the text uses
-- each toponym ("literal", "metonymic", "modifier", "embedded"). Rows
-- stored before this migration were not classified and keep NULL
-- (unknown); ingesting their article again classifies them.

ALTER TABLE places ADD COLUMN usage TEXT;
CREATE INDEX places_usage ON places(usage);
