-- the first and third statements are broken; all three are reported
SELEC id FROM accounts;
SELECT id FROM accounts WHERE id = 1;
INSERT INTO accounts (id, name) VALUES (1,;
