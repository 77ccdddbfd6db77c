-- ix_payments_merchant_id (merchant_id) is a prefix of uq_payments_merchant_order (merchant_id,
-- order_id), added in V8: every question it answered, the unique key answers. Each payment insert
-- paid for one more random-page B-tree write to keep it.
ALTER TABLE payments DROP INDEX ix_payments_merchant_id;
