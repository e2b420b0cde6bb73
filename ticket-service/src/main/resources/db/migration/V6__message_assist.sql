-- What the bot knew of each customer message, for the agent console's assist (from conversation.routed):
-- the knowledge-base answer for its intent, and the entities the NLU found (personal values already masked;
-- cleared by an erasure all the same).
alter table message add column answer_id varchar(200);
alter table message add column answer_text text;
alter table message add column entities text;
