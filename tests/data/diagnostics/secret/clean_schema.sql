CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    password_hash TEXT NOT NULL,
    token_expires_at TIMESTAMPTZ
);
