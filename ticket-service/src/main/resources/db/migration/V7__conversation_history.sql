-- The history of bot-only conversations (no person involved): what each event of conversation.inbound,
-- conversation.routed and conversation.outbound said about a message, appended in batches (one insert per
-- Kafka poll), never updated except by an erasure. Conversations with a ticket keep using message; a ticket's
-- transcript merges the two when it is read (TranscriptMerge), so the agent sees the bot-only part too.
-- The natural key makes a redelivered event a no-op (on conflict do nothing) without an inbox row.
create table conversation_history (
    conversation_id  varchar(200) not null,
    message_id       varchar(200) not null,
    -- which event the row comes from: INBOUND (raw text), ROUTED (NLU annotations), OUTBOUND (a reply)
    source           varchar(10)  not null,
    -- INBOUND rows only: whose conversation it is (erasure finds the conversations by it)
    customer_id      varchar(200),
    author           varchar(20)  not null,
    kind             varchar(30)  not null,
    agent_id         varchar(200),
    in_reply_to      varchar(200),
    text             text,
    quick_replies    text,
    occurred_at      timestamptz  not null,
    created_at       timestamptz  not null,
    erased           boolean      not null default false,
    masked_text      text,
    language         varchar(20),
    intent           varchar(100),
    confidence       double precision,
    sentiment        varchar(20),
    sentiment_score  double precision,
    urgency          varchar(20),
    nlu_model        varchar(100),
    route            varchar(30),
    answer_id        varchar(200),
    answer_text      text,
    entities         text,
    primary key (conversation_id, message_id, source)
);
create index conversation_history_customer_idx on conversation_history (customer_id) where customer_id is not null;
-- retention (ticket.retention.bot-history) deletes by age: a BRIN index is all but free to keep up to date
create index conversation_history_created_brin on conversation_history using brin (created_at);
