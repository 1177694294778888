-- The life of a network: the municipality's signatory role (scoped by the municipality's NIS
-- code), why a network was proposed and by whom, every change of state with who and when, and
-- each charter version's communication rules and its four signatures (SQLite).
CREATE TABLE role_grants_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('kc_admin', 'zone_officer', 'zone_admin', 'coordinator', 'deputy', 'municipality')),
    zone_id BIGINT,
    bin_id BIGINT REFERENCES bins(id) ON DELETE CASCADE,
    nis BIGINT,
    granted_at BIGINT NOT NULL
);
INSERT INTO role_grants_new (id, user_id, role, zone_id, bin_id, granted_at)
    SELECT id, user_id, role, zone_id, bin_id, granted_at FROM role_grants;
DROP TABLE role_grants;
ALTER TABLE role_grants_new RENAME TO role_grants;
CREATE INDEX role_grants_user ON role_grants(user_id);
CREATE INDEX role_grants_bin ON role_grants(bin_id);
CREATE UNIQUE INDEX role_grants_unique
    ON role_grants(user_id, role, COALESCE(zone_id, -1), COALESCE(bin_id, -1), COALESCE(nis, -1));

ALTER TABLE bins ADD COLUMN purpose TEXT;
ALTER TABLE bins ADD COLUMN proposed_by BIGINT REFERENCES users(id) ON DELETE SET NULL;

CREATE TABLE bin_events (
    id INTEGER PRIMARY KEY,
    bin_id BIGINT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    message TEXT
);
CREATE INDEX bin_events_bin ON bin_events(bin_id, at);

ALTER TABLE charters ADD COLUMN rules TEXT;
ALTER TABLE charters ADD COLUMN drafted_at BIGINT;
ALTER TABLE charters ADD COLUMN reminded_at BIGINT;

CREATE TABLE charter_signatures (
    id INTEGER PRIMARY KEY,
    charter_id BIGINT NOT NULL REFERENCES charters(id) ON DELETE CASCADE,
    party TEXT NOT NULL CHECK (party IN ('coordinator', 'municipality', 'zone_chief', 'officer')),
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    signer_name TEXT NOT NULL,
    signed_at BIGINT NOT NULL,
    UNIQUE (charter_id, party)
);
CREATE UNIQUE INDEX charter_signatures_person ON charter_signatures(charter_id, user_id);
CREATE UNIQUE INDEX charters_one_open ON charters(bin_id) WHERE registered_at IS NULL;
