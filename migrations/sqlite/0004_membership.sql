-- Members and join requests, the in-app inbox, coordinator handovers, and when a coordinator
-- last acted (for the continuity score).
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    bin_id BIGINT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'declined', 'left')),
    street TEXT NOT NULL,
    house_number TEXT NOT NULL,
    postcode TEXT NOT NULL,
    phone TEXT,
    lang TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    consented_at BIGINT NOT NULL,
    requested_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT,
    reason TEXT,
    left_at BIGINT,
    can_help BIGINT NOT NULL DEFAULT 0,
    UNIQUE (bin_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);
CREATE INDEX memberships_bin_state ON memberships(bin_id, state);

CREATE TABLE inbox (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    notice TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX inbox_user ON inbox(user_id, read_at);

CREATE TABLE handovers (
    id INTEGER PRIMARY KEY,
    bin_id BIGINT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    from_user BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    to_user BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    offered_at BIGINT NOT NULL,
    closed_at BIGINT,
    outcome TEXT CHECK (outcome IN ('accepted', 'declined', 'cancelled'))
);
CREATE INDEX handovers_to ON handovers(to_user, closed_at);
CREATE UNIQUE INDEX handovers_one_open ON handovers(bin_id) WHERE closed_at IS NULL;

ALTER TABLE bins ADD COLUMN coordinator_acted_at BIGINT;
