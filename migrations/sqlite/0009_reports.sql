-- Residents' reports to the police zone of the place: what they saw, where and when, whether
-- they may be contacted, and how the zone handled it (taken on, closed with an answer, turned
-- into an alert). A photo is kept apart, only as the server re-encoded it (no metadata).
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    reporter_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    zone_id BIGINT NOT NULL,
    nis BIGINT NOT NULL,
    what TEXT NOT NULL,
    place TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    observed_at BIGINT NOT NULL,
    contact_ok BIGINT NOT NULL DEFAULT 0,
    lang TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'handling', 'closed')),
    created_at BIGINT NOT NULL,
    handled_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    responded_at BIGINT,
    closed_at BIGINT,
    answer TEXT,
    alert_id BIGINT REFERENCES messages(id) ON DELETE SET NULL
);
CREATE INDEX reports_zone ON reports(zone_id, status, created_at);
CREATE INDEX reports_reporter ON reports(reporter_id, created_at);

CREATE TABLE report_photos (
    report_id BIGINT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    jpeg BLOB NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
