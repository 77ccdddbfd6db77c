-- A refund whose acquirer call got no answer (a timeout) is UNKNOWN, not failed: still reserved
-- (counted against what was captured), until the reconciler asks the acquirer by the refund's
-- idempotency key and records what it did. The reconciler also takes over reservations left
-- PENDING for long (their request was dead-lettered). updated_at says since when a row waits; the
-- record that gave a row its final status (its request, or a resolution on the reconciler's
-- internal topic) is kept, so that only that record's delivery publishes the outcome: exactly one
-- RefundProcessed per refund, also when a resolution comes later than its request, or twice.
-- updated_at has a default (UTC, as every time here) so that an instance not yet rolled onto this
-- version keeps inserting rows while the others run it.
ALTER TABLE refunds
  ADD COLUMN updated_at          DATETIME(3)  NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
  ADD COLUMN finalized_topic     VARCHAR(249) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  ADD COLUMN finalized_partition INT          NULL,
  ADD COLUMN finalized_offset    BIGINT       NULL,
  DROP CONSTRAINT ck_refunds_status,
  ADD CONSTRAINT ck_refunds_status CHECK (status IN ('PENDING', 'UNKNOWN', 'COMPLETED', 'REJECTED'));

-- Rows written before: they changed last when they were decided (a PENDING one was reserved then),
-- and every final row was finalized by the refund-requests record that decided it.
UPDATE refunds SET updated_at = created_at;

UPDATE refunds
   SET finalized_topic = 'refund-requests',
       finalized_partition = source_partition,
       finalized_offset = source_offset
 WHERE status IN ('COMPLETED', 'REJECTED');

-- The reconciler's question: which rows are UNKNOWN, or PENDING, since when.
ALTER TABLE refunds ADD KEY ix_refunds_status_updated_at (status, updated_at);
