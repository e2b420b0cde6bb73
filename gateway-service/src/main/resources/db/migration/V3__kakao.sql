-- KakaoTalk skill requests and what reached the KakaoTalk user (gateway's kakao package).

-- One row per skill request (an utterance): whether its HTTP request still waits for the bot's answer, and its
-- one-use callbackUrl. state: waiting (the request waits; a reply to it is the request's to answer),
-- answered (answered in the response), callback_open (answered useCallback; the callback is unused),
-- callback_used, closed (answered without the reply and without a callback).
CREATE TABLE kakao_request (
    channel_id          varchar(100) NOT NULL,
    message_id          varchar(200) NOT NULL,
    conversation_id     varchar(64),
    state               varchar(16)  NOT NULL,
    callback_url        text,
    callback_expires_at timestamptz,
    created_at          timestamptz  NOT NULL,
    PRIMARY KEY (channel_id, message_id)
);
CREATE INDEX kakao_request_open_callback_idx ON kakao_request (conversation_id, created_at)
    WHERE state = 'callback_open';
CREATE INDEX kakao_request_created_idx ON kakao_request (created_at);

-- Replies that went out to the KakaoTalk user, by the reply's messageId: inserting the row is the claim that
-- makes a reply go out once, across replicas and Kafka redeliveries (released again when sending failed).
-- A reply of a kakao conversation without a row here is held for the user's next utterance.
CREATE TABLE kakao_delivered (
    message_id      varchar(200) PRIMARY KEY,
    conversation_id varchar(64)  NOT NULL,
    via             varchar(20)  NOT NULL,   -- skill_response, callback, event_api
    delivered_at    timestamptz  NOT NULL
);
CREATE INDEX kakao_delivered_conversation_idx ON kakao_delivered (conversation_id);
