-- The person a notice names (who asks to join, offers help, hands over, asks a question): when
-- they delete their account, the notices naming them go from everyone's inbox.
ALTER TABLE inbox ADD COLUMN about_user BIGINT REFERENCES users(id) ON DELETE CASCADE;
