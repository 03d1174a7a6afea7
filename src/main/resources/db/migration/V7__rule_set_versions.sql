-- The history of every activation of a rule set (who, when, how, what changed), and the files of
-- each version. Files are stored once per distinct content (content-addressed), so a thousand
-- activations of a rule set whose files mostly repeat stay small. Portable between H2 and PostgreSQL.

-- One row per distinct file content. A rule file is UTF-8 text; a decision table (xls, xlsx) is
-- kept as base64 and says so.
create table rule_file_content (
    content_hash varchar(64)      not null primary key,
    encoding     varchar(8)       not null,
    content      varchar(1000000) not null
);

create sequence rule_set_activation_seq start with 1 increment by 1;

-- One row per activation, newest last. files maps each file name to its content hash (JSON object);
-- changes lists what differs from the version active before ([{"file", "change"}]).
create table rule_set_activation (
    id               bigint        not null primary key,
    rule_set         varchar(64)   not null,
    version          varchar(64)   not null,
    activated_at     timestamp with time zone not null,
    source           varchar(16)   not null,
    author           varchar(128)  not null,
    scenarios_passed integer       not null,
    scenarios_failed integer       not null,
    files            varchar(100000) not null,
    changes          varchar(100000) not null
);

create index rule_set_activation_by_rule_set on rule_set_activation (rule_set, id);
create index rule_set_activation_by_version on rule_set_activation (rule_set, version);
