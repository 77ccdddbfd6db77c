-- The payments ledger: one row per order, written in the same database transaction as its
-- status history. Times are UTC. Card data is brand and last4 only, never a card number.
CREATE TABLE payments (
  payment_id        VARCHAR(40)  NOT NULL,
  order_id          VARCHAR(64)  NOT NULL,
  customer_id       VARCHAR(128) NOT NULL,
  merchant_id       VARCHAR(128) NOT NULL,
  amount_minor      BIGINT       NOT NULL,
  currency          CHAR(3)      NOT NULL,
  risk_score        INT          NOT NULL,
  risk_decision     VARCHAR(16)  NOT NULL,
  status            VARCHAR(24)  NOT NULL,
  decline_code      VARCHAR(64)  NULL,
  gateway_reference VARCHAR(64)  NULL,
  card_brand        VARCHAR(32)  NOT NULL,
  card_last4        CHAR(4)      NOT NULL,
  source_partition  INT          NOT NULL,
  source_offset     BIGINT       NOT NULL,
  created_at        DATETIME(3)  NOT NULL,
  updated_at        DATETIME(3)  NOT NULL,
  PRIMARY KEY (payment_id),
  UNIQUE KEY uq_payments_order_id (order_id),
  KEY ix_payments_customer_id (customer_id),
  KEY ix_payments_merchant_id (merchant_id),
  KEY ix_payments_status_updated_at (status, updated_at),
  CONSTRAINT ck_payments_amount_positive CHECK (amount_minor > 0),
  CONSTRAINT ck_payments_status CHECK (status IN
    ('PENDING', 'CAPTURED', 'DECLINED', 'FAILED', 'REJECTED_BY_RISK', 'HELD_FOR_REVIEW'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Append-only audit trail: one row per status change, never updated or deleted.
CREATE TABLE payment_status_history (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  payment_id  VARCHAR(40)  NOT NULL,
  order_id    VARCHAR(64)  NOT NULL,
  from_status VARCHAR(24)  NULL,
  to_status   VARCHAR(24)  NOT NULL,
  reason      VARCHAR(255) NULL,
  changed_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_payment_status_history_order_id (order_id, id),
  KEY ix_payment_status_history_changed_at (changed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
