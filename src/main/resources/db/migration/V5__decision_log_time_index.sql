-- Every decision writes a row, and every index of this table is one more B-tree update per row
-- (on H2 two: the insert and the commit): the log is written far more often than it is read.
-- Rule set and type are a handful of values each, so an index led by either narrows little. Reads
-- are by subject (kept: `decision_log_subject`) or the newest first, optionally since a moment:
-- one index on the time serves those, with rule set and type checked on the rows it walks.
drop index decision_log_rule_set_decided;
drop index decision_log_type_decided;
create index decision_log_decided on decision_log (decided_at);
