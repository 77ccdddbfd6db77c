-- The simulated acquirer's own record of charges, keyed by the idempotency key like a real
-- acquirer's: a replayed charge finds its first answer here and is never charged twice.
-- IF NOT EXISTS: deployments from before this module had the table from the payments migrations
-- (their V2); the next version makes its ids exact there as well. Ids compare exactly (binary).
CREATE TABLE IF NOT EXISTS simulated_acquirer_charges (
  idempotency_key  VARCHAR(80)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  charge_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  order_id         VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  merchant_id      VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  amount_minor     BIGINT       NOT NULL,
  currency         CHAR(3)      NOT NULL,
  card_brand       VARCHAR(32)  NOT NULL,
  card_last4       CHAR(4)      NOT NULL,
  outcome          VARCHAR(16)  NOT NULL,
  decline_code     VARCHAR(64)  NULL,
  created_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (idempotency_key),
  UNIQUE KEY uq_simulated_acquirer_charges_reference (charge_reference),
  KEY ix_simulated_acquirer_charges_order_id (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
