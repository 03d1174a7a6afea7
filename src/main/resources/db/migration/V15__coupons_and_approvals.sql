-- Unique coupons and approvals above a cap (docs/coupons.md). Portable between H2 and PostgreSQL.

-- One single-use code per coupon-bearing action, issued in the transaction that creates the action.
-- code is the canonical Crockford base32 form (16 characters, 80 random bits). action_id and
-- idempotency_key (the action's own) are unique: an action carries one coupon at most, however often
-- a job re-runs. No foreign key to action: a coupon is the customer's and outlives any clean-up of
-- the outbox. status moves ISSUED -> REDEEMED (once, by a conditional update) or ISSUED -> VOID (its
-- action was rejected, cancelled, suppressed or expired); the code of an action waiting for approval
-- starts PENDING_APPROVAL (not redeemable) and becomes ISSUED or VOID with the verdict. redemption_key is what identified the
-- winning redemption (the shop's orderId), so the same request repeated gets the same answer.
create table coupon (
    code            varchar(16)    not null primary key,
    action_id       bigint         not null,
    idempotency_key varchar(300)   not null,
    rule_set        varchar(64)    not null,
    type            varchar(64)    not null,
    subject         varchar(128)   not null,
    customer_id     varchar(128),
    amount          decimal(19, 4) not null,
    issued_at       timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    status          varchar(16)    not null,
    redeemed_at     timestamp with time zone,
    redemption_key  varchar(128),
    void_reason     varchar(500),
    constraint coupon_action unique (action_id),
    constraint coupon_idempotency_key unique (idempotency_key)
);

-- Who approved or rejected an action that waited for approval (the API key's or console operator's
-- name), when, and with what note. Null for actions that never waited.
alter table action add column decided_by varchar(128);
alter table action add column decided_at timestamp with time zone;
alter table action add column decision_note varchar(1000);
