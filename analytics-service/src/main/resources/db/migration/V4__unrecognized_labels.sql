-- Labels that supervisors give to messages the bot did not understand, for the NLU's next training run.
-- One label per message (a new label replaces the old one); who and when are kept. No text is stored here:
-- the masked text stays in message_fact, so an erasure (which clears it) also takes the message out of the
-- training data.
create table unrecognized_label (
    event_id    varchar(128)  primary key references message_fact (event_id),
    intent      varchar(64)   not null,
    labeled_by  varchar(256)  not null,
    labeled_at  timestamptz   not null
);

create index unrecognized_label_time_idx on unrecognized_label (labeled_at);
