-- The inputs of REST decision requests, kept for a while (shoprules.inputs.retention-days) so an
-- impact preview can replay what shops really asked through a draft. Portable between H2 and
-- PostgreSQL (see V2 for why VARCHAR(1000000)).

-- Ids one by one from the sequence: rows are written with plain JDBC batches, as the decision log's
-- (V4), and a preview pages through them by id.
create sequence recorded_input_seq start with 1 increment by 1;

-- One row per request (a request too large for one payload spans several rows). facts is the JSON
-- array of the facts as the service read them (normalised: defaults filled in, fields in one order);
-- evaluated_at is the "now" the request was decided at.
create table recorded_input (
    id           bigint           not null primary key,
    rule_set     varchar(64)      not null,
    received_at  timestamp with time zone not null,
    evaluated_at timestamp with time zone not null,
    facts        varchar(1000000) not null
);

-- a preview reads one rule set's rows by id; the cleanup deletes by age
create index recorded_input_by_rule_set on recorded_input (rule_set, id);
create index recorded_input_received on recorded_input (received_at);
