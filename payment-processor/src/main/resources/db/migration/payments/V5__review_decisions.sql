-- Review decisions (issue 17): a held order is charged later, when a reviewer approves it, so its
-- row keeps what the charge needs and the ledger did not keep so far: the payment-method token
-- (a gateway's token, never a card number; brand and last4 stay the only card data). Rows held
-- before this migration have no token: a reviewer can still reject them, an approval of one is a
-- dead letter (README, "Review decisions").
-- review_partition/review_offset: the review-decisions record that decided the hold, so that only
-- that record's redelivery resumes the charge or republishes, and any later decision is skipped.
ALTER TABLE payments
  ADD COLUMN payment_token    VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  ADD COLUMN review_partition INT          NULL,
  ADD COLUMN review_offset    BIGINT       NULL,
  DROP CONSTRAINT ck_payments_status,
  ADD CONSTRAINT ck_payments_status CHECK (status IN
    ('PENDING', 'UNKNOWN', 'CAPTURED', 'DECLINED', 'FAILED', 'REJECTED_BY_RISK', 'HELD_FOR_REVIEW',
     'REJECTED_BY_REVIEW'));

-- Who moved a payment (a reviewer's id, or payrail-hold-expiry) and the reviewer's note; null for
-- the changes the pipeline makes on its own (risk, acquirer, reconciler).
ALTER TABLE payment_status_history
  ADD COLUMN actor VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  ADD COLUMN note  VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
