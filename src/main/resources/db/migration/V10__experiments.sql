-- Experiments: a challenger version of a rule set decides for a share of the subjects beside the
-- serving champion (docs/experiments.md). Portable between H2 and PostgreSQL.

create sequence experiment_seq start with 1 increment by 1;

-- One row per experiment, kept after it stops so its results stay readable. The challenger's files
-- are stored like a version's (files maps each file name to its content hash in rule_file_content),
-- so every instance compiles the very same bytes; scenarios maps the challenger's scenario edits to
-- a content hash, or to null for a scenario file the challenger removes.
-- running_rule_set is the rule set while the experiment runs and null once it stops: its unique
-- index lets one experiment run per rule set, whichever instance starts it (nulls never collide).
create table experiment (
    id                 bigint          not null primary key,
    rule_set           varchar(64)     not null,
    name               varchar(64)     not null,
    status             varchar(16)     not null,
    share_percent      integer         not null,
    subject_field      varchar(64)     not null,
    champion_version   varchar(64)     not null,
    challenger_version varchar(64)     not null,
    files              varchar(100000) not null,
    scenarios          varchar(100000) not null,
    author             varchar(128)    not null,
    started_at         timestamp with time zone not null,
    ends_at            timestamp with time zone,
    stopped_at         timestamp with time zone,
    stopped_by         varchar(128),
    running_rule_set   varchar(64)
);

create unique index experiment_by_name on experiment (rule_set, name);
create unique index experiment_one_running on experiment (running_rule_set);

-- Each decision made while an experiment runs names it, the variant, and the value of the
-- experiment's subject field that put the fact in that variant (a cart's customerId): the results
-- count distinct subjects and decisions per variant from here. The index serves the results and
-- the look-up of POST /api/outcomes (did this subject get a decision in the experiment?).
alter table decision_log add column experiment varchar(64);
alter table decision_log add column variant varchar(16);
alter table decision_log add column experiment_subject varchar(128);
create index decision_log_experiment on decision_log (experiment, experiment_subject);

create sequence experiment_outcome_seq start with 1 increment by 1;

-- What happened to a subject afterwards (a reminded cart got paid), posted by the shop backend.
-- One row per rule set, subject, outcome and moment (occurred_at in UTC): posting it again changes
-- nothing. experiment and variant are those of the running (or latest) experiment of the rule set
-- when the outcome arrived; null when the rule set had none.
create table experiment_outcome (
    id            bigint         not null primary key,
    rule_set      varchar(64)    not null,
    subject       varchar(128)   not null,
    outcome       varchar(64)    not null,
    occurred_at   timestamp with time zone not null,
    outcome_value decimal(19, 4) not null,
    experiment    varchar(64),
    variant       varchar(16),
    received_at   timestamp with time zone not null
);

create unique index experiment_outcome_once on experiment_outcome (rule_set, subject, outcome, occurred_at);
create index experiment_outcome_by_experiment on experiment_outcome (rule_set, experiment, variant);
