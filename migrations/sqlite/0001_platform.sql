-- Accounts, sessions, e-mail links, roles, the outbox and the BIN registry (SQLite).
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    email_confirmed_at BIGINT,
    password_hash TEXT,
    display_name TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'nl',
    synthetic BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    new_email TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_tokens_user ON email_tokens(user_id);

CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY,
    email_key TEXT NOT NULL,
    at BIGINT NOT NULL,
    succeeded BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_key ON sign_in_attempts(email_key, at);

CREATE TABLE bins (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('bin', 'bin_z')),
    nis BIGINT NOT NULL,
    zone_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    state TEXT NOT NULL,
    founded_year BIGINT NOT NULL,
    households BIGINT NOT NULL DEFAULT 0,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    radius_m BIGINT NOT NULL,
    synthetic BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX bins_zone ON bins(zone_id);
CREATE INDEX bins_nis ON bins(nis);

CREATE TABLE role_grants (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('kc_admin', 'zone_officer', 'zone_admin', 'coordinator', 'deputy')),
    zone_id BIGINT,
    bin_id BIGINT REFERENCES bins(id) ON DELETE CASCADE,
    granted_at BIGINT NOT NULL
);
CREATE INDEX role_grants_user ON role_grants(user_id);
CREATE INDEX role_grants_bin ON role_grants(bin_id);
CREATE UNIQUE INDEX role_grants_unique ON role_grants(user_id, role, COALESCE(zone_id, -1), COALESCE(bin_id, -1));

CREATE TABLE charters (
    id INTEGER PRIMARY KEY,
    bin_id BIGINT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    signed_at BIGINT,
    registered_at BIGINT,
    next_review_at BIGINT,
    UNIQUE (bin_id, version)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    attempts BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);
