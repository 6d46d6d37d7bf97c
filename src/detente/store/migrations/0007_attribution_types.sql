-- Attribution on unseen news (issue 17): a quote's direct may be 2 (a
-- "mixed" reported clause that holds quoted words), whose quoted words'
-- offsets are in quoted; act is now the attribution's kind (say, claim,
-- belief, intention, document) and the reporting verb's finer class moves
-- to verb_class. Rows stored before keep their act as it was and NULL in
-- the new columns.

ALTER TABLE quotes ADD COLUMN quoted TEXT;        -- JSON [{start, end}]
ALTER TABLE quotes ADD COLUMN verb_class TEXT;
