-- The street segments each BIN covers (SQLite).
CREATE TABLE bin_segments (
    id INTEGER PRIMARY KEY,
    bin_id BIGINT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    nis BIGINT NOT NULL,
    street_nl TEXT NOT NULL,
    street_fr TEXT NOT NULL,
    first_no BIGINT NOT NULL,
    last_no BIGINT NOT NULL,
    parity TEXT NOT NULL CHECK (parity IN ('all', 'odd', 'even'))
);
CREATE INDEX bin_segments_nis ON bin_segments(nis);
CREATE INDEX bin_segments_bin ON bin_segments(bin_id);
