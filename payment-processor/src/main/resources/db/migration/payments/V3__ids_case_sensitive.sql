-- Ids are exact everywhere (Kafka keys, the status view, the facade), so the ledger must not
-- compare them without regard to case: with the default collation "order-a" and "ORDER-A" were one
-- order here, the second failed the unique key and its batch was retried for ever. Every id column
-- becomes binary, and so does the tables' default, so that later id columns are exact too.
ALTER TABLE payments
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY payment_id        VARCHAR(40)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_id          VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY customer_id       VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY merchant_id       VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY gateway_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

ALTER TABLE payment_status_history
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY payment_id VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_id   VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
