-- The learning module: progress of learners and of visitors (keyed by the hash of a random
-- token in the visitor's cookie), certificates, and the CPA volunteer registry.
CREATE TABLE visitor_progress (
    token_hash TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE learning_progress (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    holder TEXT NOT NULL,
    initials TEXT NOT NULL,
    courses TEXT NOT NULL,
    -- The police zone of the postcode the learner gave, so zones can count their certified CPAs.
    zone_id BIGINT,
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by BIGINT,
    revoke_reason TEXT
);
CREATE UNIQUE INDEX certificates_one_live ON certificates(user_id) WHERE revoked_at IS NULL;
CREATE INDEX certificates_zone ON certificates(zone_id);

CREATE TABLE cpa_volunteers (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    zone_id BIGINT NOT NULL,
    opted_in_at BIGINT NOT NULL
);
CREATE INDEX cpa_volunteers_zone ON cpa_volunteers(zone_id);
