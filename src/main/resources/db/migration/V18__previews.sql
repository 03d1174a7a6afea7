-- Impact previews (docs/api.md, Changes): each preview's last state, as GET /api/previews/{id}
-- answers it (view_json), so that every instance answers for a preview whichever instance runs it,
-- and a preview outlives a restart. The running instance rewrites its row as the preview advances
-- (at most once a second) and when it ends; the newest 50 rows are kept. A RUNNING row of an
-- instance that starts again was cut off by a kill or crash: that instance marks it FAILED.
create table preview (
    id            varchar(36)       not null primary key,
    rule_set      varchar(64)       not null,
    status        varchar(16)       not null,
    started_at    timestamp with time zone not null,
    instance_name varchar(128)      not null,
    view_json     varchar(10000000) not null
);

create index preview_by_start on preview (started_at);
