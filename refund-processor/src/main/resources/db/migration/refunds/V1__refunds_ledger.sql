-- The refunds ledger: one row per refundId (the caller's idempotency key) whose outcome is final,
-- COMPLETED or REJECTED. No foreign key to payments: the payment-processor owns that table and its
-- migrations run on their own schedule. Times are UTC.
CREATE TABLE refunds (
  refund_id             VARCHAR(64)  NOT NULL,
  order_id              VARCHAR(64)  NOT NULL,
  payment_id            VARCHAR(40)  NOT NULL,
  merchant_id           VARCHAR(128) NOT NULL,
  customer_id           VARCHAR(128) NOT NULL,
  amount_minor          BIGINT       NOT NULL,
  currency              CHAR(3)      NOT NULL,
  status                VARCHAR(16)  NOT NULL,
  reason                VARCHAR(255) NOT NULL,
  rejection_code        VARCHAR(32)  NULL,
  refunded_total_minor  BIGINT       NOT NULL,
  captured_amount_minor BIGINT       NOT NULL,
  gateway_reference     VARCHAR(64)  NULL,
  -- SHA-256 of what identifies the request (order, merchant, amount, currency): the same refundId
  -- with another fingerprint is an idempotency_mismatch.
  request_fingerprint   CHAR(64)     NOT NULL,
  source_partition      INT          NOT NULL,
  source_offset         BIGINT       NOT NULL,
  created_at            DATETIME(3)  NOT NULL,
  PRIMARY KEY (refund_id),
  KEY ix_refunds_order_id_status (order_id, status),
  KEY ix_refunds_created_at (created_at),
  CONSTRAINT ck_refunds_amount CHECK (amount_minor >= 0),
  CONSTRAINT ck_refunds_within_captured CHECK (refunded_total_minor <= captured_amount_minor),
  CONSTRAINT ck_refunds_status CHECK (status IN ('COMPLETED', 'REJECTED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Append-only audit trail: one row per refund request processed, including the outcomes that are
-- not kept in refunds (unknown_order, not_captured, idempotency_mismatch) and replays.
CREATE TABLE refund_events (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  refund_id        VARCHAR(64)  NOT NULL,
  order_id         VARCHAR(64)  NOT NULL,
  kind             VARCHAR(16)  NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  rejection_code   VARCHAR(32)  NULL,
  amount_minor     BIGINT       NOT NULL,
  source_partition INT          NOT NULL,
  source_offset    BIGINT       NOT NULL,
  recorded_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_refund_events_refund_id (refund_id, id),
  KEY ix_refund_events_order_id (order_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
