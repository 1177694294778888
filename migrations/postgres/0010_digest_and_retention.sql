-- When a member's weekly digest of non-urgent messages last went out (or when they chose it).
ALTER TABLE message_preferences ADD COLUMN digest_sent_at BIGINT;

-- Past the retention period a message keeps only the counts of its reception (JSON), and its
-- recipient and delivery records (who, which address) are deleted.
ALTER TABLE messages ADD COLUMN reduced_at BIGINT;
ALTER TABLE messages ADD COLUMN reduced_reception TEXT;
