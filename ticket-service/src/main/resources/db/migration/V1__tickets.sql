-- ticket-service schema: customers (the platform's only store of personal data), conversations,
-- transcript messages, tickets, audit log and the ingest de-duplication table.

create table customer (
    id          varchar(200) primary key,
    name        varchar(300),
    locale      varchar(35),
    tier        varchar(50),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    erased_at   timestamptz
);

create table customer_identity (
    customer_id   varchar(200) not null references customer (id) on delete cascade,
    channel_id    varchar(200) not null,
    channel_type  varchar(20),
    first_seen_at timestamptz  not null,
    last_seen_at  timestamptz  not null,
    primary key (customer_id, channel_id)
);

create table conversation (
    id           varchar(200) primary key,
    channel_id   varchar(200) not null,
    channel_type varchar(20),
    customer_id  varchar(200),
    created_at   timestamptz  not null
);
create index conversation_customer_idx on conversation (customer_id);

create table ticket (
    id                        varchar(40)  primary key,
    conversation_id           varchar(200) not null,
    channel_id                varchar(200),
    customer_id               varchar(200),
    status                    varchar(20)  not null,
    priority                  varchar(20)  not null,
    assignee_id               varchar(200),
    handoff_reason            varchar(40),
    intent                    varchar(100),
    opening_message_id        varchar(200),
    awaiting_handoff          boolean      not null default false,
    version                   bigint       not null default 0,
    created_at                timestamptz  not null,
    updated_at                timestamptz  not null,
    first_response_due_at     timestamptz,
    resolution_due_at         timestamptz,
    first_responded_at        timestamptz,
    solved_at                 timestamptz,
    closed_at                 timestamptz,
    first_response_breached_at timestamptz,
    resolution_breached_at    timestamptz,
    csat_status               varchar(20)  not null default 'NONE',
    csat_requested_at         timestamptz,
    csat_score                smallint,
    csat_recorded_at          timestamptz,
    constraint ticket_csat_score_range check (csat_score between 1 and 5)
);
-- At most one active ticket per conversation: concurrent handoff and assignment events cannot both create one.
create unique index ticket_one_active_per_conversation on ticket (conversation_id)
    where status in ('NEW', 'OPEN', 'PENDING');
create index ticket_conversation_idx on ticket (conversation_id, created_at);
create index ticket_customer_idx on ticket (customer_id, created_at);
create index ticket_assignee_status_idx on ticket (assignee_id, status);
create index ticket_status_idx on ticket (status, created_at);

create table ticket_tag (
    ticket_id varchar(40)  not null references ticket (id) on delete cascade,
    tag       varchar(50)  not null,
    primary key (ticket_id, tag)
);

-- Transcript: every message of a conversation (customer, bot, agent, system) and agents' internal notes.
create table message (
    id               bigserial    primary key,
    conversation_id  varchar(200) not null,
    message_id       varchar(200) not null,
    ticket_id        varchar(40),
    author           varchar(20)  not null,
    kind             varchar(30)  not null,
    internal         boolean      not null default false,
    agent_id         varchar(200),
    in_reply_to      varchar(200),
    text             text,
    quick_replies    text,
    occurred_at      timestamptz  not null,
    created_at       timestamptz  not null,
    erased           boolean      not null default false,
    -- NLU annotations (customer messages, from conversation.routed)
    masked_text      text,
    language         varchar(20),
    intent           varchar(100),
    confidence       double precision,
    sentiment        varchar(20),
    sentiment_score  double precision,
    urgency          varchar(20),
    nlu_model        varchar(100),
    route            varchar(30),
    corrected_intent varchar(100),
    corrected_by     varchar(200),
    corrected_at     timestamptz,
    constraint message_conversation_message_uq unique (conversation_id, message_id)
);
create index message_conversation_idx on message (conversation_id, occurred_at, id);

create table audit_entry (
    id          bigserial    primary key,
    ticket_id   varchar(40)  not null,
    actor       varchar(200) not null,
    action      varchar(50)  not null,
    details     text,
    occurred_at timestamptz  not null
);
create index audit_entry_ticket_idx on audit_entry (ticket_id, occurred_at, id);

-- Kafka ingest de-duplication: an event id is applied once, in the same transaction as its effects.
create table processed_event (
    event_id     varchar(100) primary key,
    topic        varchar(100) not null,
    processed_at timestamptz  not null
);
