-- routing-service state, shared by every replica (schema set by quarkus.flyway.schemas).

-- Who owns each conversation (bot or human) and the bot's fallback streak.
CREATE TABLE conversation (
    conversation_id TEXT        PRIMARY KEY,
    channel_id      TEXT        NOT NULL,
    customer_id     TEXT,
    mode            TEXT        NOT NULL CHECK (mode IN ('BOT', 'HUMAN')),
    fallback_streak INT         NOT NULL DEFAULT 0 CHECK (fallback_streak >= 0),
    priority        TEXT,
    handoff_reason  TEXT,
    ticket_id       TEXT,
    language        TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversation_customer_idx ON conversation (customer_id);

-- Decisions already taken, so that a redelivered record is not routed twice.
CREATE TABLE routed_message (
    conversation_id TEXT        NOT NULL,
    message_id      TEXT        NOT NULL,
    route           TEXT        NOT NULL,
    handoff_reason  TEXT,
    priority        TEXT        NOT NULL,
    agent_id        TEXT,
    after_hours     BOOLEAN     NOT NULL,
    reply_kind      TEXT,
    routed_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, message_id)
);
CREATE INDEX routed_message_routed_at_idx ON routed_message (routed_at);

-- Agents' presence and load; active = number of the agent's rows in assignment.
CREATE TABLE agent (
    agent_id         TEXT        PRIMARY KEY,
    status           TEXT        NOT NULL CHECK (status IN ('ONLINE', 'AWAY', 'OFFLINE')),
    capacity         INT         NOT NULL CHECK (capacity >= 0),
    active           INT         NOT NULL DEFAULT 0 CHECK (active >= 0),
    skills           TEXT[]      NOT NULL DEFAULT '{}',
    last_assigned_at TIMESTAMPTZ,
    presence_at      TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- Which agent has which conversation (at most one agent per conversation). "announced" turns true once
-- the AgentAssignmentEvent is on Kafka; the sweep announces again what was committed but never announced.
CREATE TABLE assignment (
    conversation_id TEXT        PRIMARY KEY,
    agent_id        TEXT        NOT NULL REFERENCES agent (agent_id),
    assigned_at     TIMESTAMPTZ NOT NULL,
    announced       BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX assignment_agent_idx ON assignment (agent_id);
CREATE INDEX assignment_unannounced_idx ON assignment (assigned_at) WHERE NOT announced;

-- Conversations waiting for an agent, served by priority then waiting time.
CREATE TABLE queue_entry (
    conversation_id TEXT        PRIMARY KEY,
    channel_id      TEXT        NOT NULL,
    message_id      TEXT,
    priority        TEXT        NOT NULL,
    priority_rank   INT         NOT NULL,
    required_skills TEXT[]      NOT NULL DEFAULT '{}',
    enqueued_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX queue_entry_service_order_idx ON queue_entry (priority_rank DESC, enqueued_at, conversation_id);
