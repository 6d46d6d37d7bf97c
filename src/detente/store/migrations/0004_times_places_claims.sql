-- When, where and how many (issue 5): the TIMEX3 value of each time
-- expression (an extension of the contract's time record).

ALTER TABLE times ADD COLUMN timex TEXT;
