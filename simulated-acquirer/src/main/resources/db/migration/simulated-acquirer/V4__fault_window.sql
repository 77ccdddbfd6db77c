-- The simulated acquirer's fault switch (AcquirerFaults): while a row's window is open, a share of
-- its charges go unanswered. One row at most (id 1): the acquirer has one window at a time. It
-- lives with the acquirer's other tables so that every processor instance, and every incarnation
-- of one, talks to the same faulty acquirer, as they would to a real one. Times are UTC.
CREATE TABLE IF NOT EXISTS simulated_acquirer_faults (
  id         TINYINT     NOT NULL,
  fraction   DOUBLE      NOT NULL,
  opened_at  DATETIME(3) NOT NULL,
  open_until DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
