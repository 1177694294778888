-- Browsers a person signed in from. After too many wrong passwords for an address, the right
-- password still works from one of them, so whoever guesses cannot lock the owner out.
CREATE TABLE known_devices (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX known_devices_user ON known_devices(user_id);
