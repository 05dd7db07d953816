-- Lifecycle truth (issue 5). Portable SQL for H2 and PostgreSQL, like V1.

-- The last state umhub saw of each platform entity, from webhooks and REST polling alike. Derived events
-- (membership.cancelled, payment.failed, ...) come from comparing a new sighting with this row.
CREATE TABLE umhub_lifecycle_state (
    entity_kind    VARCHAR(16)  NOT NULL,   -- customer | membership | payment
    entity_id      VARCHAR(64)  NOT NULL,   -- the platform's id, as text
    status         VARCHAR(32),
    status_seq     INT          NOT NULL DEFAULT 0,  -- status changes seen: names the current status episode
    plan_id        VARCHAR(64),
    amount         VARCHAR(64),             -- recurring amount (membership) or total (payment), as a decimal text
    membership_id  VARCHAR(64),             -- a payment's membership
    customer_id    VARCHAR(64),
    ever_completed BOOLEAN      NOT NULL DEFAULT FALSE,
    date_modified  TIMESTAMP WITH TIME ZONE,  -- the platform's version of this state; null when seen by webhook
    observed_at    TIMESTAMP WITH TIME ZONE,  -- when umhub read it; null for a row created only to be locked
    part           VARCHAR,                 -- the merged event part (JSON) of every sighting
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (entity_kind, entity_id)
);
CREATE INDEX umhub_lifecycle_state_membership_idx ON umhub_lifecycle_state (membership_id);

-- Where each polled source stands: one row per stream (its cursor, whether the baseline is done) and one row with
-- stream '*' for the source's health and the lease that lets one instance poll at a time.
CREATE TABLE umhub_source_state (
    source          VARCHAR(64)  NOT NULL,
    stream          VARCHAR(32)  NOT NULL,
    cursor_value    VARCHAR(64),
    baseline_done   BOOLEAN      NOT NULL DEFAULT FALSE,
    last_success_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    last_error_at   TIMESTAMP WITH TIME ZONE,
    failures        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    lease_owner     VARCHAR(64),
    lease_until     TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, stream)
);
