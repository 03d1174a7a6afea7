-- Every decision the service makes, from a REST request or a scheduled job.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
create sequence decision_log_seq start with 1 increment by 50;

create table decision_log (
    id           bigint        not null primary key,
    rule_set     varchar(64)   not null,
    version      varchar(32)   not null,
    rule_name    varchar(255)  not null,
    type         varchar(64)   not null,
    subject      varchar(128)  not null,
    fact_ids     varchar(2000) not null,
    source       varchar(16)   not null,
    evaluated_at timestamp with time zone not null,
    decided_at   timestamp with time zone not null,
    payload      varchar(8000) not null
);

create index decision_log_rule_set_decided on decision_log (rule_set, decided_at);
create index decision_log_subject on decision_log (subject, decided_at);
create index decision_log_type_decided on decision_log (type, decided_at);
