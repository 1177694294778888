-- Each import of a charter registry and its report (what was imported, what was rejected and why).
CREATE TABLE registry_imports (
    id INTEGER PRIMARY KEY,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    report TEXT NOT NULL
);
