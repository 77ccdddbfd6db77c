-- STAND-IN, for the audit's tests only: the ledger columns of merchant-scoped ids as the audit
-- expects payment-processor's V8__merchant_scoped_ids.sql and refund-processor's
-- V6__merchant_scoped_ids.sql to add them. Those migrations are written in their own modules; the
-- tests apply this only while the processors' migrations lack payments.charge_key
-- (PipelineRecords), so once they are merged the real ones are what the tests run on, and this
-- file can be deleted.

-- payments: the acquirer key stored per row; an orderId is unique per merchant.
ALTER TABLE payments ADD COLUMN charge_key VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
UPDATE payments SET charge_key = CONCAT('payrail:charge:', order_id);
ALTER TABLE payments
  MODIFY charge_key VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  ADD UNIQUE KEY uq_payments_charge_key (charge_key),
  DROP INDEX uq_payments_order_id,
  ADD UNIQUE KEY uq_payments_merchant_order (merchant_id, order_id),
  ADD KEY ix_payments_order_id (order_id);

ALTER TABLE payment_status_history
  ADD COLUMN merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
UPDATE payment_status_history h JOIN payments p ON p.payment_id = h.payment_id
  SET h.merchant_id = p.merchant_id;
ALTER TABLE payment_status_history
  MODIFY merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE coupon_redemptions DROP PRIMARY KEY, ADD PRIMARY KEY (merchant_id, order_id);

-- Orphans (an answer without payments row) are deleted here; the test database has none.
ALTER TABLE points_reservations
  ADD COLUMN merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL FIRST;
UPDATE points_reservations r JOIN payments p ON p.order_id = r.order_id
  SET r.merchant_id = p.merchant_id;
DELETE FROM points_reservations WHERE merchant_id IS NULL;
ALTER TABLE points_reservations
  MODIFY merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (merchant_id, order_id);

-- refunds: the acquirer key stored per row; a refundId is unique per merchant.
ALTER TABLE refunds ADD COLUMN acquirer_key VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
UPDATE refunds SET acquirer_key = refund_id;
ALTER TABLE refunds
  MODIFY acquirer_key VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  ADD UNIQUE KEY uq_refunds_acquirer_key (acquirer_key),
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (merchant_id, refund_id),
  ADD KEY ix_refunds_merchant_order_status (merchant_id, order_id, status);

ALTER TABLE refund_events
  ADD COLUMN merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
UPDATE refund_events e JOIN refunds r ON r.refund_id = e.refund_id SET e.merchant_id = r.merchant_id;
