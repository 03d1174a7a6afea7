-- A row of the decision log now holds every decision one evaluation made of one type about one
-- subject (payload: the decision, or a JSON array of them), and says how many (decision_count).
-- Why: a listing check logs a decision per term found, about twenty for a long copy, and each row
-- cost a B-tree insert into the table and each of its indexes; on H2 every insert copies the pages
-- from the root to a leaf in the heap, the largest share of a listing request's garbage. One row
-- per listing made saturated listing decisions about 1.5 times as fast, and their median p99 at half
-- load 0.6-0.7 of what it was (bench/README). Rows written before hold one decision each.
alter table decision_log add column decision_count integer default 1 not null;
