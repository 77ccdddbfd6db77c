package io.payrail.payment.points;

import io.payrail.schemas.keys.OrderKey;
import java.util.Collection;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * A points answer was recorded for an order while its row was being written AWAITING_POINTS (the
 * two listeners raced). Transient: the ledger transaction rolls back, the batch is read again and
 * then finds the answer, so that no row waits for an answer that came already.
 */
public class PointsAnswerArrivedException extends ConcurrencyFailureException {

  private static final long serialVersionUID = 1L;

  public PointsAnswerArrivedException(Collection<OrderKey> orders) {
    super("points answers arrived meanwhile for orders " + orders + "; trying again");
  }
}
