-- Messaging: urgent alerts and non-urgent messages to the members of networks, their updates
-- and closing message, who received each (and saw it, and was phoned), and one delivery record
-- per message, post, person and channel (unique, so nobody is served twice on a channel).
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    sender_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    sender_role TEXT NOT NULL CHECK (sender_role IN ('coordinator', 'officer', 'kc')),
    zone_id BIGINT,
    kind TEXT NOT NULL CHECK (kind IN ('urgent', 'prevention', 'feedback', 'invitation', 'newsletter')),
    category TEXT CHECK (category IN ('suspicious', 'burglary', 'missing_person', 'fraud_wave', 'cyber_threat', 'other')),
    template TEXT,
    blanks TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    lang TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'sent')),
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    reminded_at BIGINT,
    recipients BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX messages_sender ON messages(sender_id, created_at);
CREATE INDEX messages_zone ON messages(zone_id, created_at);
CREATE INDEX messages_open ON messages(status, created_at);

CREATE TABLE message_bins (
    message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    bin_id BIGINT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, bin_id)
);
CREATE INDEX message_bins_bin ON message_bins(bin_id);

CREATE TABLE message_posts (
    id INTEGER PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    closing BIGINT NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX message_posts_message ON message_posts(message_id, id);

CREATE TABLE message_recipients (
    message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    bin_id BIGINT NOT NULL,
    seen_at BIGINT,
    seen_via TEXT CHECK (seen_via IN ('app', 'email', 'sms')),
    called_at BIGINT,
    called_by BIGINT,
    -- The hash of the token in the recipient's e-mail, whose page has the "seen" button.
    seen_token_hash TEXT,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_recipients_token ON message_recipients(seen_token_hash);
CREATE INDEX message_recipients_user ON message_recipients(user_id, seen_at);
CREATE INDEX message_recipients_bin ON message_recipients(message_id, bin_id);

CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    post_id BIGINT NOT NULL DEFAULT 0,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    address TEXT NOT NULL,
    lang TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    claimed_until BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT,
    last_error TEXT,
    UNIQUE (message_id, post_id, user_id, channel)
);
CREATE INDEX deliveries_due ON deliveries(state, channel, next_attempt_at);
CREATE INDEX deliveries_message ON deliveries(message_id, channel, state);

-- Each member's choice of channels: urgent and non-urgent, as comma-separated channel codes.
CREATE TABLE message_preferences (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    urgent TEXT NOT NULL,
    normal TEXT NOT NULL,
    quiet_from BIGINT,
    quiet_to BIGINT,
    digest BIGINT NOT NULL DEFAULT 0
);
