SELECT 1;
SELECT 'never closed FROM accounts;
