-- The scenario files each activation was checked with (file name to content hash, as the files
-- column holds the rule files), and how they differ from the activation before: a policy edit that
-- rewrote the expectations of its scenarios shows in the history beside the rule files it changed.
-- Null in the rows written before this migration: nothing is known of their scenarios.
alter table rule_set_activation add column scenario_files varchar(100000);
alter table rule_set_activation add column scenario_changes varchar(100000);
