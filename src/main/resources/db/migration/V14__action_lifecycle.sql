-- What happens to an action between the job that decided it and the shop (docs/actions.md):
-- episodes, re-checks, contact caps and quiet hours. Portable between H2 2.x and PostgreSQL 15.

-- Why an action is where it is (SUPPRESSED over a cap, CANCELLED by a re-check, ...); null when
-- nothing needs saying. The customer it reaches (customer-facing types only), when it may leave the
-- quiet-hours queue, when it is no longer worth delivering, its priority for the caps, and when it
-- was released to the shop (counted against the caps from then on), and the hash of its subject's
-- stored fact when the action was written (a re-check re-evaluates only a fact changed since).
alter table action add column reason varchar(500);
alter table action add column customer varchar(128);
alter table action add column release_at timestamp with time zone;
alter table action add column expires_at timestamp with time zone;
alter table action add column priority integer default 0 not null;
alter table action add column released_at timestamp with time zone;
alter table action add column fact_hash varchar(64);

-- the releaser's look-up: HELD actions whose release time has come
create index action_status_release_at on action (status, release_at);
-- the caps' count: one customer's actions released since the start of the week
create index action_customer_released on action (customer, released_at);
-- re-checks on a re-post: the open actions of given subjects
create index action_rule_set_subject on action (rule_set, subject);

-- One row per decision type and subject that is decided "once per episode": the episode number and
-- whether it is open. The primary key and a conditional update (is_open = false and episode = n) make
-- two batches racing to open the next episode fail one of them, which is then redone.
create table action_episode (
    rule_set   varchar(64)  not null,
    type       varchar(64)  not null,
    subject    varchar(300) not null,
    episode    bigint       not null,
    is_open    boolean      not null,
    -- what a later scan must have evaluated to see the condition cleared: a fact id or a scan group
    scope      varchar(300) not null,
    opened_at  timestamp with time zone not null,
    cleared_at timestamp with time zone,
    primary key (rule_set, type, subject)
);

create index action_episode_scope on action_episode (rule_set, scope, is_open);

-- One row per customer who was ever sent something: the contact gate locks it (select ... for
-- update) while it counts and releases that customer's actions, so two instances releasing at once
-- cannot both fit a message into the same last free slot.
create table contact_customer (
    customer varchar(128) not null primary key
);
