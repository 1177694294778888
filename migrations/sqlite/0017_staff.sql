-- Role administration: invitations to a zone's roles, and the audit log of grants, revocations,
-- invitations and reads of member and volunteer lists (SQLite).
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('zone_admin', 'zone_officer', 'municipality')),
    zone_id BIGINT NOT NULL,
    nis BIGINT,
    invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    sends BIGINT NOT NULL DEFAULT 1,
    accepted_at BIGINT,
    accepted_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    revoked_at BIGINT
);
CREATE INDEX invitations_zone ON invitations(zone_id, created_at);
CREATE INDEX invitations_email ON invitations(email);

-- Who did what, when, to which scope; never the content of what was read. Nothing in the
-- product updates or deletes a row; a deleted account leaves its rows without its identity.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (action IN ('granted', 'revoked', 'invited', 'invitation_resent',
        'invitation_withdrawn', 'invitation_accepted', 'read_members', 'read_volunteers')),
    role TEXT,
    zone_id BIGINT,
    bin_id BIGINT,
    nis BIGINT,
    subject_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    invitation_id BIGINT REFERENCES invitations(id) ON DELETE SET NULL
);
CREATE INDEX audit_log_zone ON audit_log(zone_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
