-- How each reply reaches the customer on channels that cannot take a reply at any time (KakaoTalk), from
-- conversation.delivery: the newest status per reply, shown next to the reply in the ticket's transcript.
-- Kept apart from message: the status may arrive before the reply itself (another topic).
create table delivery_status (
    conversation_id  varchar(64)  not null,
    message_id       varchar(200) not null,
    status           varchar(32)  not null,
    occurred_at      timestamptz  not null,
    primary key (conversation_id, message_id)
);
