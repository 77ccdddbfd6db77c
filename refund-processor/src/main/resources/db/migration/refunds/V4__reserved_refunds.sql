-- A refund is reserved before the acquirer is asked: PENDING, counted against what was captured,
-- committed (releasing the payment row's lock) before the call; COMPLETED once the acquirer has
-- paid it back. So the acquirer is never called inside a transaction that holds row locks, and a
-- crash between reservation, call and record is resumed by the same request with the same key.
ALTER TABLE refunds
  DROP CONSTRAINT ck_refunds_status,
  ADD CONSTRAINT ck_refunds_status CHECK (status IN ('PENDING', 'COMPLETED', 'REJECTED'));
