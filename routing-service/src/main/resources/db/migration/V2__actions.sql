-- Domain actions (issue 15): the form a conversation is filling, and the reply an action produced, stored with
-- the routed message so that a redelivered message is answered again identically without calling the system.

CREATE TABLE action_form (
    conversation_id TEXT        PRIMARY KEY,
    action          TEXT        NOT NULL,
    slot            TEXT        NOT NULL,
    attempts        INT         NOT NULL CHECK (attempts >= 0),
    language        TEXT,
    started_at      TIMESTAMPTZ NOT NULL
);

ALTER TABLE routed_message ADD COLUMN reply_text TEXT;
ALTER TABLE routed_message ADD COLUMN reply_quick_replies TEXT[];
