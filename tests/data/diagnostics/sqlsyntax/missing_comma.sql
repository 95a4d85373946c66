CREATE TABLE accounts (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL
    email TEXT
);
