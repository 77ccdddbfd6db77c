-- Coupons (issue 18): an order may claim a merchant's coupon, priced by the facade. amount_minor
-- stays what was charged (or attempted): the order's total minus discount_minor; coupon_code names
-- the coupon. The coupon's use limits travel with the order; the row keeps them so that a held
-- order, released by a reviewer later, is checked against the same limits.
ALTER TABLE payments
  ADD COLUMN coupon_code                  VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  ADD COLUMN discount_minor               BIGINT      NOT NULL DEFAULT 0,
  ADD COLUMN coupon_max_uses              INT         NULL,
  ADD COLUMN coupon_max_uses_per_customer INT         NULL;

-- One counter per coupon: the row its uses are taken under (SELECT ... FOR UPDATE), so that
-- instances and concurrent orders never take more than maxUses. Created on the coupon's first use.
CREATE TABLE coupon_uses (
  merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  coupon_code VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  uses        INT          NOT NULL,
  PRIMARY KEY (merchant_id, coupon_code),
  CONSTRAINT ck_coupon_uses_not_negative CHECK (uses >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per order that took a use: TAKEN with the PENDING row, RETURNED with a final status
-- without a capture (DECLINED, FAILED). The order_id key makes a take exactly-once; the customer's
-- TAKEN rows are their uses of the coupon (maxUsesPerCustomer).
CREATE TABLE coupon_redemptions (
  order_id    VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  merchant_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  coupon_code VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  customer_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  taken_at    DATETIME(3)  NOT NULL,
  returned_at DATETIME(3)  NULL,
  PRIMARY KEY (order_id),
  KEY ix_coupon_redemptions_customer (merchant_id, coupon_code, customer_id, status),
  CONSTRAINT ck_coupon_redemptions_status CHECK (status IN ('TAKEN', 'RETURNED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
