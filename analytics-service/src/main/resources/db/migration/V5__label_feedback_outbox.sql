-- Labels on their way to the NLU's training data (nlu.feedback), written in the same transaction as the label
-- (unrecognized_label) and deleted once Kafka acknowledged the event. No text here either: the relay reads the
-- masked text from message_fact when it publishes, so a message erased in between is never sent.
-- feedback_id is the event id on nlu.feedback: derived from the message and the intent, so the same label given
-- twice, or sent again after a crash, is one example for the NLU (its feedback store keeps an event id once).
create table label_feedback_outbox (
    feedback_id  varchar(64)   primary key,
    event_id     varchar(128)  not null references message_fact (event_id) on delete cascade,
    intent       varchar(64)   not null,
    labeled_by   varchar(256)  not null,
    labeled_at   timestamptz   not null
);

create index label_feedback_outbox_time_idx on label_feedback_outbox (labeled_at);
