-- Paying with loyalty points (issue 18): an approved order that redeems points is charged only once
-- loyalty-streams reserved them. Until the answer comes its row is AWAITING_POINTS (not final, never
-- published), keeping the payment token as a held row does. amount_minor stays what is charged:
-- the order's total minus discount_minor minus points_redeemed (1 point = 1 minor unit).
-- points_partition/points_offset: the points-reservations record that released the row to PENDING
-- or declined it, so that only that record's redelivery resumes the charge or republishes.
ALTER TABLE payments
  ADD COLUMN points_redeemed  BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN points_partition INT    NULL,
  ADD COLUMN points_offset    BIGINT NULL,
  DROP CONSTRAINT ck_payments_status,
  ADD CONSTRAINT ck_payments_status CHECK (status IN
    ('PENDING', 'UNKNOWN', 'CAPTURED', 'DECLINED', 'FAILED', 'REJECTED_BY_RISK', 'HELD_FOR_REVIEW',
     'REJECTED_BY_REVIEW', 'AWAITING_POINTS')),
  ADD CONSTRAINT ck_payments_points_not_negative CHECK (points_redeemed >= 0);

-- The first answer loyalty-streams gave for each order, whether or not its payment existed then:
-- an answer may arrive before the order-risk record, which then finds it here. Later answers for
-- the same order (repeats) are not recorded.
CREATE TABLE points_reservations (
  order_id         VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  reason           VARCHAR(64)  NULL,
  points           BIGINT       NOT NULL,
  source_partition INT          NOT NULL,
  source_offset    BIGINT       NOT NULL,
  recorded_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (order_id),
  CONSTRAINT ck_points_reservations_status CHECK (status IN ('RESERVED', 'REFUSED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
