WITH gone AS (
    DELETE FROM events RETURNING id
)
SELECT count(*) FROM gone;
