-- Each mail's kind, so that a recipient gets at most a few mails of one kind an hour; a sent
-- mail keeps neither subject nor body (links with live tokens are gone once delivered).
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'notice';
CREATE INDEX outbox_recipient_kind ON outbox(recipient, kind, created_at);
CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at);
CREATE INDEX visitor_progress_updated ON visitor_progress(updated_at);
