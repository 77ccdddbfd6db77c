-- Tables created by the processors' old migrations compared ids without regard to case, so
-- "order-a" and "ORDER-A" shared one idempotency key. Ids are exact everywhere (Kafka keys, stores,
-- the facade): make them binary here too. A no-op on tables V1 and V2 created.
ALTER TABLE simulated_acquirer_charges
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY idempotency_key  VARCHAR(80)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY charge_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_id         VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY merchant_id      VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE simulated_acquirer_refunds
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY idempotency_key  VARCHAR(80)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY refund_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY charge_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  MODIFY order_id         VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
