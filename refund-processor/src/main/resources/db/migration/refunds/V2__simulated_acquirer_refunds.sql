-- The simulated acquirer's own record of refunds, keyed by the idempotency key (the refundId) like
-- a real acquirer's: a replayed refund finds its first answer here and is never paid twice. It is
-- written outside the ledger's transaction, as an acquirer's would be.
CREATE TABLE simulated_acquirer_refunds (
  idempotency_key  VARCHAR(80)  NOT NULL,
  refund_reference VARCHAR(64)  NOT NULL,
  charge_reference VARCHAR(64)  NULL,
  order_id         VARCHAR(64)  NOT NULL,
  amount_minor     BIGINT       NOT NULL,
  currency         CHAR(3)      NOT NULL,
  created_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (idempotency_key),
  UNIQUE KEY uq_simulated_acquirer_refunds_reference (refund_reference),
  KEY ix_simulated_acquirer_refunds_order_id (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
