-- Ids are exact everywhere (Kafka keys, the status view, the facade), so the ledger must not
-- compare them without regard to case: with the default collation the refundIds "r-1" and "R-1"
-- were one refund here. Every id column becomes binary, and so does the tables' default, so that
-- later id columns are exact too.
ALTER TABLE refunds
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY refund_id         VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_id          VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY payment_id        VARCHAR(40)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY merchant_id       VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY customer_id       VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY gateway_reference VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

ALTER TABLE refund_events
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY refund_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_id  VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
