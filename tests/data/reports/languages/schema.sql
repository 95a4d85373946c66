-- Orders schema for the billing service.
CREATE TABLE IF NOT EXISTS customers (
    customer_id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orders (
    order_id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (customer_id),
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    status VARCHAR(16) NOT NULL DEFAULT 'open'
);

CREATE INDEX IF NOT EXISTS orders_customer_idx ON orders (customer_id);

INSERT INTO customers (email) VALUES ('demo@example.invalid')
ON CONFLICT (email) DO NOTHING;

SELECT o.order_id, c.email
FROM orders o
JOIN customers c ON c.customer_id = o.customer_id
WHERE o.status = 'open'
ORDER BY o.order_id;
