-- What a domain action did with a routed message (ActionStep as JSON: names and outcomes, no values), kept with
-- the decision so that a redelivered message publishes the same conversation.routed event without a new call.
ALTER TABLE routed_message ADD COLUMN action_step TEXT;
