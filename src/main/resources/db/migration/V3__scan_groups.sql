-- Facts the rules relate to each other (one SKU's complaints, for a crisis alert) are scanned
-- together: a job reads such a rule set in (scan_group, fact_id) order and never splits a group
-- between batches. Null for rule sets whose rules judge each fact alone.
alter table stored_fact add column scan_group varchar(200);

create index stored_fact_scan_group on stored_fact (rule_set, scan_group, fact_id);
