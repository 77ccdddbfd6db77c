package io.payrail.payment.points;

import java.util.Collection;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * A points answer was recorded for an order while its row was being written AWAITING_POINTS (the
 * two listeners raced). Transient: the ledger transaction rolls back, the batch is read again and
 * then finds the answer, so that no row waits for an answer that came already.
 */
public class PointsAnswerArrivedException extends ConcurrencyFailureException {

  private static final long serialVersionUID = 1L;

  public PointsAnswerArrivedException(Collection<String> orderIds) {
    super("points answers arrived meanwhile for orders " + orderIds + "; trying again");
  }
}
