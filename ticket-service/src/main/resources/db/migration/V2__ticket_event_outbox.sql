-- Ticket events are recorded here in the transaction that changes the ticket, and published from here in
-- seq order (TicketEventRelay), so a committed change always reaches ticket.events, even if the process
-- dies right after the commit; rows are deleted once Kafka acknowledged them.
create table ticket_event_outbox (
    seq         bigint generated always as identity primary key,
    event_key   varchar(200) not null,
    event_json  text         not null,
    created_at  timestamptz  not null
);
