-- Members' structured reactions to a non-urgent message: "useful" (once per person), and
-- questions, which go to the sender privately (the words are kept for the sender only).
CREATE TABLE message_reactions (
    message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reaction TEXT NOT NULL CHECK (reaction IN ('useful', 'question')),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX message_reactions_useful ON message_reactions(message_id, user_id) WHERE reaction = 'useful';
CREATE INDEX message_reactions_message ON message_reactions(message_id, reaction);
