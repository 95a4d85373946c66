CREATE TABLE tags (name TEXT);
CREATE TABLE posts (
    id UUID PRIMARY KEY,
    author_id BIGINT,
    tag_ids UUID[],
    FOREIGN KEY (author_id) REFERENCES users(id)
);
CREATE TABLE later (id INT, parent_id INT);
ALTER TABLE later ADD PRIMARY KEY (id);
ALTER TABLE later ADD CONSTRAINT later_parent FOREIGN KEY (parent_id) REFERENCES later(id);
