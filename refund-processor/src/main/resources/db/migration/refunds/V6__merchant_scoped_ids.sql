-- A refundId is the merchant's reference, unique only within that merchant, as an orderId is: two
-- merchants' refund "rf-1" are two refunds. A refund's identity becomes (merchant_id, refund_id).
--
-- The refund's idempotency key at the acquirer was the bare refundId, so two merchants' "rf-1"
-- would get one refund's answer there. It is now kept per row in acquirer_key: rows written before
-- keep the key they were (or may have been) paid back with, their refundId, so that a replay, a
-- resumed reservation or the reconciler's lookup presents the same key and nothing is paid back
-- twice; new rows get "payrail:refund:" + 32 hex of SHA-256(merchantId/refundId) (47 characters,
-- within the acquirers' limits), derived once when the row is reserved and never again.
--
-- Runs on existing data: the primary key on refund_id alone means no two rows share a refundId yet,
-- so every backfill below is unambiguous (and uses that key: the keys change last). Rolled out as a
-- drained cut-over (docs/operations.md): no instance of the previous version writes meanwhile.
ALTER TABLE refunds
  ADD COLUMN acquirer_key VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER refund_id;

UPDATE refunds SET acquirer_key = refund_id;

-- The audit trail names the merchant of every request from now on. Events written before are
-- backfilled from their refund's row; an event whose request kept no row (unknown_order,
-- not_captured, too_many_refunds answered before this version) never recorded its merchant and
-- stays NULL: nothing can tell it now.
ALTER TABLE refund_events
  ADD COLUMN merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER refund_id;

UPDATE refund_events e
  JOIN refunds r ON r.refund_id = e.refund_id
   SET e.merchant_id = r.merchant_id;

-- The reconciler finds rows, and its resolutions name them, by the acquirer key alone (its one id
-- column): unique.
ALTER TABLE refunds
  MODIFY acquirer_key VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  ADD UNIQUE KEY uq_refunds_acquirer_key (acquirer_key),
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (merchant_id, refund_id),
  DROP KEY ix_refunds_order_id_status,
  ADD KEY ix_refunds_merchant_order_status (merchant_id, order_id, status);

ALTER TABLE refund_events
  DROP KEY ix_refund_events_refund_id,
  DROP KEY ix_refund_events_order_id,
  ADD KEY ix_refund_events_merchant_refund (merchant_id, refund_id, id),
  ADD KEY ix_refund_events_merchant_order (merchant_id, order_id, id);
