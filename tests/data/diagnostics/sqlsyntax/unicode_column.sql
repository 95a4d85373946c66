SELECT 'Grüße, 世界' AS greeting FRM accounts;
