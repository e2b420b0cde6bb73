-- What a domain action did with a routed message (issue 15; platform-contracts' ActionStep), in plain columns of
-- the message's fact so that calls, failures, latency and forms are counted per action with SQL. Names and
-- outcomes only: ActionStep carries no slot value and no response value, so none reaches analytics. Null when no
-- action was involved. Written by the same multi-row insert as the fact, so a redelivered routed event is
-- ignored with it (ON CONFLICT DO NOTHING); erasure leaves these columns alone (they hold no customer words).
alter table message_fact
    -- the action's name in the domain bundle
    add column action_name           varchar(64),
    -- ASKED, IDENTITY_REQUIRED, CALLED, GAVE_UP, ABANDONED
    add column action_step           varchar(24),
    -- ASKED only: replies that failed to give the slot before (0: the form starts)
    add column action_attempt        integer,
    -- CALLED only: the call ends a form the bot asked questions for
    add column action_completes_form boolean,
    -- CALLED only: ok, status_<code>, timeout, server_error, malformed, circuit_open, unreachable, not_configured
    add column action_call_outcome   varchar(32),
    -- CALLED only: ActionStep.Call.failed() when the fact was stored (a deliberate status such as 404 is no failure)
    add column action_call_failed    boolean,
    -- CALLED only: the response's status, null when there was none
    add column action_http_status    integer,
    -- CALLED only: how long the call took
    add column action_millis         bigint;

create index message_fact_action_idx on message_fact (received_at, action_name) where action_name is not null;
