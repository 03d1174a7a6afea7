-- A decision-log row's payload may now hold one decision of up to a million characters. Why: a
-- decision longer than 8,000 (a declared decision carrying a long text of its fact) was cut to fit,
-- the cut JSON could not be read back, and every page of the log holding that row failed. Rows of
-- several decisions are still packed up to 8,000 characters; only a decision alone goes beyond.
alter table decision_log alter column payload set data type varchar(1000000);
