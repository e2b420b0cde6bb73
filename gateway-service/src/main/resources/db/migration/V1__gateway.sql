-- gateway-service schema (the schema itself is chosen by quarkus.flyway.schemas).

-- One row per conversation the gateway opened. At most one open conversation per (channel, customer):
-- the partial unique index makes concurrent replicas agree on it.
CREATE TABLE conversation (
    id              varchar(64)  PRIMARY KEY,
    channel_id      varchar(100) NOT NULL,
    customer_id     varchar(300) NOT NULL,   -- 'erased:<id>' after a customer erasure
    opened_at       timestamptz  NOT NULL,
    last_message_at timestamptz  NOT NULL,
    solved_at       timestamptz,             -- set while the ticket is SOLVED
    closed_at       timestamptz,
    close_reason    varchar(20)              -- idle, solved, ticket_closed, erased
);
CREATE UNIQUE INDEX conversation_open_uk ON conversation (channel_id, customer_id) WHERE closed_at IS NULL;
CREATE INDEX conversation_customer_idx ON conversation (customer_id);

-- Every accepted message: the de-duplication key (primary key) and, until Kafka acknowledged it, the
-- InboundMessageEvent to publish (transactional outbox). After publication only ids and times remain.
CREATE TABLE inbound_message (
    channel_id      varchar(100) NOT NULL,
    message_id      varchar(200) NOT NULL,
    conversation_id varchar(64)  NOT NULL,
    accepted_at     timestamptz  NOT NULL,
    event           text,
    published_at    timestamptz,
    PRIMARY KEY (channel_id, message_id)
);
CREATE INDEX inbound_message_pending_idx ON inbound_message (accepted_at) WHERE event IS NOT NULL;
CREATE INDEX inbound_message_conversation_idx ON inbound_message (conversation_id);

-- Replies (conversation.outbound) for polling channels; seq is the cursor.
CREATE TABLE reply (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id varchar(64)  NOT NULL,
    channel_id      varchar(100) NOT NULL,
    message_id      varchar(200) NOT NULL UNIQUE,
    in_reply_to     varchar(200),
    author          varchar(16)  NOT NULL,
    text            text         NOT NULL,
    quick_replies   text[]       NOT NULL,
    sent_at         timestamptz  NOT NULL
);
CREATE INDEX reply_conversation_idx ON reply (conversation_id, seq);
CREATE INDEX reply_in_reply_to_idx ON reply (conversation_id, in_reply_to);
