-- What a domain action did with a customer message (conversation.routed's ActionStep as JSON: the action's name,
-- the step, slot names, the call's outcome, status and duration), shown to the agent under the message.
-- Names and outcomes only, never a slot's value, so an erasure leaves it like the intent.
alter table message add column action jsonb;
alter table conversation_history add column action jsonb;
