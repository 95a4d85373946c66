-- cleanup before the new schema
DROP TABLE IF EXISTS sessions;
DROP SCHEMA legacy CASCADE;
DROP DATABASE staging;
TRUNCATE audit_log;
  DELETE FROM users;
UPDATE accounts SET balance = 0;
ALTER TABLE users DROP COLUMN email;
