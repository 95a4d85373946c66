DELETE FROM sessions WHERE expires_at < now();
UPDATE accounts SET balance = 0 WHERE id = 42;
DROP INDEX IF EXISTS accounts_name_idx;
ALTER TABLE users ADD COLUMN nickname TEXT;
SELECT 'DROP TABLE users' AS not_a_statement; -- DROP TABLE in a comment
