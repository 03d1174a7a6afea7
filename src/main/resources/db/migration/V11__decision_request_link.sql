-- The link from a logged decision to the recorded input of the REST request that earned it, so a
-- real case becomes a scenario in one call (POST /api/decisions/{id}/scenario). The request picks
-- a random 63-bit id in memory (no sequence round trip on the request path); both writer threads
-- store it. Job decisions have none: their input is the stored fact.
alter table decision_log add column request_id bigint;
alter table recorded_input add column request_id bigint;

-- A decision's request is found among the rows decided at the same moment (one batch shares its
-- decided_at; decision_log_decided serves that), so decision_log needs no index of its own for it:
-- every index there is paid by every decision. recorded_input is written by one thread, off the path.
create index recorded_input_by_request on recorded_input (request_id);
