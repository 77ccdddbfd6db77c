CREATE TABLE probe (
  id          BIGINT       NOT NULL PRIMARY KEY,
  amount_minor BIGINT      NOT NULL,
  currency    CHAR(3)      NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
