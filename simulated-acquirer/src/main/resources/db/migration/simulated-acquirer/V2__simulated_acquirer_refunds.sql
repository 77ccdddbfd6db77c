-- The simulated acquirer's own record of refunds, keyed by the idempotency key (the refundId) like
-- a real acquirer's: a replayed refund finds its first answer here and is never paid twice.
-- IF NOT EXISTS: deployments from before this module had the table from the refunds migrations
-- (their V2); the next version makes its ids exact there as well. Ids compare exactly (binary).
CREATE TABLE IF NOT EXISTS simulated_acquirer_refunds (
  idempotency_key  VARCHAR(80)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  refund_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  charge_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  order_id         VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  amount_minor     BIGINT       NOT NULL,
  currency         CHAR(3)      NOT NULL,
  created_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (idempotency_key),
  UNIQUE KEY uq_simulated_acquirer_refunds_reference (refund_reference),
  KEY ix_simulated_acquirer_refunds_order_id (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
