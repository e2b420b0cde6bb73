-- What a message id stood for when it was accepted (a hash of the customer id and the text), so a reuse of
-- the id for another customer or another text is refused (409) instead of answered with the first
-- message's conversation and reply. Null for rows accepted before this column existed.
ALTER TABLE inbound_message ADD COLUMN fingerprint varchar(64);

-- When the reply was accepted by the channel's callback: a reply Kafka delivers again (a redelivery after a
-- crash or a rebalance) is not POSTed to the channel again.
ALTER TABLE reply ADD COLUMN callback_delivered_at timestamptz;
