-- The web chat widget (channel type web).

-- What a reply is for (OutboundMessageEvent.Kind: ANSWER, CSAT_QUESTION...), so the widget can show a CSAT
-- question as rating buttons. Null for replies stored before this column existed.
ALTER TABLE reply ADD COLUMN kind varchar(32);

-- The widget visitors' own messages, for the history a reloaded page shows (the ingestion ledger keeps no
-- text once the event is published). Keyed like the ledger; deleted by a customer erasure and by retention.
CREATE TABLE widget_message (
    channel_id      varchar(100) NOT NULL,
    message_id      varchar(200) NOT NULL,
    customer_id     varchar(300) NOT NULL,
    client_id       varchar(100) NOT NULL,
    conversation_id varchar(64)  NOT NULL,
    text            text         NOT NULL,
    sent_at         timestamptz  NOT NULL,
    PRIMARY KEY (channel_id, message_id)
);
CREATE INDEX widget_message_customer_idx ON widget_message (channel_id, customer_id, sent_at);
CREATE INDEX widget_message_conversation_idx ON widget_message (conversation_id);
