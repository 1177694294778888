-- A police zone's own templates: a message its officers wrote once and saved, to send again.
-- Written in one language (shown with it), unlike the built-in templates in four.
CREATE TABLE zone_templates (
    id INTEGER PRIMARY KEY,
    zone_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('urgent', 'prevention', 'feedback', 'invitation', 'newsletter')),
    category TEXT CHECK (category IN ('suspicious', 'burglary', 'missing_person', 'fraud_wave', 'cyber_threat', 'other')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX zone_templates_zone ON zone_templates(zone_id, id);
