-- One photo with an urgent alert about a missing person, kept only as the server re-encoded it
-- (no metadata). It goes with the message's retention.
CREATE TABLE message_photos (
    message_id BIGINT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    jpeg BYTEA NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
