-- The resolution clock stops while a ticket is PENDING (waiting for the customer): when it started waiting,
-- and how much business time it has waited in all, which the resolution due time is moved by.
alter table ticket add column resolution_paused_at timestamptz;
alter table ticket add column resolution_paused_seconds bigint not null default 0;
