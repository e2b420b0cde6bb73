-- The outbox carries agents' replies and CSAT questions (conversation.outbound) as well as ticket events: a
-- reply is recorded with the transcript entry and the ticket change, and published only once they commit.
alter table ticket_event_outbox rename to event_outbox;
alter table event_outbox add column topic varchar(100) not null default 'ticket.events';
alter table event_outbox alter column topic drop default;
