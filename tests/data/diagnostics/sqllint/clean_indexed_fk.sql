CREATE TABLE users (id BIGSERIAL PRIMARY KEY, name TEXT);
CREATE TABLE orders (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE TABLE memberships (
    user_id BIGINT REFERENCES users(id),
    group_id BIGINT,
    PRIMARY KEY (user_id, group_id)
);
CREATE TEMP TABLE scratch (x INT);
