-- A charge whose answer never came (a timeout) is UNKNOWN, not FAILED: the reconciler asks the
-- acquirer by the idempotency key and records what it did. The record that gave a row its final
-- status (an order-risk record, or a resolution on the reconciler's internal topic) is kept, so
-- that only that record's delivery publishes the outcome: exactly one PaymentProcessed, also when a
-- resolution comes later than its order, or twice.
ALTER TABLE payments
  ADD COLUMN finalized_topic     VARCHAR(249) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  ADD COLUMN finalized_partition INT          NULL,
  ADD COLUMN finalized_offset    BIGINT       NULL,
  DROP CONSTRAINT ck_payments_status,
  ADD CONSTRAINT ck_payments_status CHECK (status IN
    ('PENDING', 'UNKNOWN', 'CAPTURED', 'DECLINED', 'FAILED', 'REJECTED_BY_RISK', 'HELD_FOR_REVIEW'));

-- Rows written before: every final row was finalized by the order-risk record that created it.
UPDATE payments
   SET finalized_topic = 'order-risk',
       finalized_partition = source_partition,
       finalized_offset = source_offset
 WHERE status NOT IN ('PENDING', 'UNKNOWN');
