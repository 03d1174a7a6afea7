-- The decision log is written with plain JDBC batches, each row taking its id from the sequence;
-- the step of 50 was for Hibernate's pooled id allocation, which no longer writes this table.
-- The pooled optimizer handed out ids up to the sequence's current value, never beyond it, so the
-- next value after this change is free on a database that already holds rows.
alter sequence decision_log_seq increment by 1;
