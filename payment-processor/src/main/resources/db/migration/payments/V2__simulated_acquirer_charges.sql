-- The simulated acquirer's own record of charges, keyed by the idempotency key like a real
-- acquirer's: a replayed charge finds its first answer here and is never charged twice.
CREATE TABLE simulated_acquirer_charges (
  idempotency_key  VARCHAR(80)  NOT NULL,
  charge_reference VARCHAR(64)  NOT NULL,
  order_id         VARCHAR(64)  NOT NULL,
  merchant_id      VARCHAR(128) NOT NULL,
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
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
