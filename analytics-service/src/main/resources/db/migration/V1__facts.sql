-- Facts of the event stream, one row per event, so that any time range can be summarised with SQL.
-- Idempotency: the event id is the primary key; a redelivered event (same id) or a re-routed message
-- (a new event id for the same conversation message) is ignored by INSERT ... ON CONFLICT DO NOTHING.
-- Personal data: only the NLU's masked text is stored, and erasure clears it (the counts stay).

create table message_fact (
    event_id        varchar(128)     primary key,
    conversation_id varchar(256)     not null,
    message_id      varchar(256),
    channel_id      varchar(128),
    channel_type    varchar(32),
    -- HMAC-SHA256 of the customer id under a service secret: lets an erasure by customer id find
    -- conversations it does not list, without storing the id itself. Cleared on erasure.
    customer_key    varchar(64),
    received_at     timestamptz      not null,
    routed_at       timestamptz      not null,
    language        varchar(16),
    intent          varchar(64),
    confidence      double precision,
    sentiment       varchar(16),
    route           varchar(24)      not null,
    handoff_reason  varchar(32),
    priority        varchar(16),
    after_hours     boolean          not null default false,
    masked_text     text,
    erased_at       timestamptz,
    ingested_at     timestamptz      not null default now()
);

create unique index message_fact_message_uq on message_fact (conversation_id, message_id);
create index message_fact_received_idx on message_fact (received_at);
create index message_fact_conversation_idx on message_fact (conversation_id, route);
create index message_fact_customer_idx on message_fact (customer_key) where customer_key is not null;

create table ticket_fact (
    event_id        varchar(128)     primary key,
    ticket_id       varchar(256)     not null,
    conversation_id varchar(256)     not null,
    channel_id      varchar(128),
    type            varchar(32)      not null,
    status          varchar(16),
    priority        varchar(16),
    handoff_reason  varchar(32),
    intent          varchar(64),
    csat_score      smallint,
    sla             varchar(32),
    occurred_at     timestamptz      not null,
    ingested_at     timestamptz      not null default now()
);

create index ticket_fact_ticket_idx on ticket_fact (ticket_id, type, occurred_at);
create index ticket_fact_type_time_idx on ticket_fact (type, occurred_at);

-- Conversations whose texts were erased: a late or redelivered event of such a conversation is stored
-- without its text.
create table erased_conversation (
    conversation_id varchar(256)     primary key,
    erased_at       timestamptz      not null
);

-- Audit of processed erasure requests, without the customer id.
create table erasure_log (
    event_id          varchar(128)   primary key,
    requested_at      timestamptz,
    processed_at      timestamptz    not null default now(),
    conversations     integer        not null,
    messages_erased   integer        not null
);
