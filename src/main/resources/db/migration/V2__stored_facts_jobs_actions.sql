-- Stored facts, job runs and the action outbox (SPEC section 6).
-- Portable SQL: the same file runs on H2 2.x and PostgreSQL 15. VARCHAR(1000000) rather than
-- TEXT/CLOB: both databases read it as a plain string (H2 caps VARCHAR at 1,048,576 characters,
-- PostgreSQL at 10,485,760), so the same JDBC code reads it on both.

-- Facts handed over for keeping, one row per fact id and rule set. The payload is the fact as the
-- service read it (normalised JSON); the hash makes an unchanged re-post a no-op.
create table stored_fact (
    rule_set     varchar(64)      not null,
    fact_id      varchar(128)     not null,
    payload      varchar(1000000) not null,
    content_hash varchar(64)      not null,
    updated_at   timestamp with time zone not null,
    primary key (rule_set, fact_id)
);

-- One row per run of a job; the row is written when the run starts and finished when it ends.
create sequence job_run_seq start with 1 increment by 50;

create table job_run (
    id              bigint       not null primary key,
    rule_set        varchar(64)  not null,
    triggered_by    varchar(16)  not null,
    status          varchar(32)  not null,
    version         varchar(32),
    batch_size      integer      not null,
    started_at      timestamp with time zone not null,
    ended_at        timestamp with time zone,
    facts_read      bigint       not null,
    batches         bigint       not null,
    decisions       bigint       not null,
    actions_created bigint       not null,
    errors          bigint       not null,
    last_error      varchar(2000)
);

create index job_run_rule_set_started on job_run (rule_set, started_at);

-- The outbox: what jobs decided, waiting to be pulled or pushed. The unique idempotency key is what
-- makes re-runs, crashes and a second instance harmless: the same action can only exist once.
create sequence action_seq start with 1 increment by 50;

create table action (
    id              bigint         not null primary key,
    idempotency_key varchar(300)   not null,
    rule_set        varchar(64)    not null,
    type            varchar(64)    not null,
    subject         varchar(128)   not null,
    version         varchar(32)    not null,
    rule_name       varchar(255)   not null,
    payload         varchar(100000) not null,
    status          varchar(16)    not null,
    attempts        integer        not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(2000),
    job_run_id      bigint,
    created_at      timestamp with time zone not null,
    delivered_at    timestamp with time zone,
    acked_at        timestamp with time zone,
    constraint action_idempotency_key unique (idempotency_key)
);

create index action_status_next_attempt on action (status, next_attempt_at);
create index action_type_created on action (type, created_at);
create index action_created on action (created_at);
