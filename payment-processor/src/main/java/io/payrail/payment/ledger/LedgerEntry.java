package io.payrail.payment.ledger;

import java.util.List;

/**
 * A new payments row with the status changes that led to it, written together.
 *
 * @param history in order, the first one from null
 */
public record LedgerEntry(PaymentRow row, List<StatusChange> history) {

  public LedgerEntry {
    history = List.copyOf(history);
    if (history.isEmpty() || history.get(0).from() != null || !history.get(0).to().isInitial()) {
      throw new IllegalArgumentException("a payment's history starts with an initial status");
    }
    for (int i = 1; i < history.size(); i++) {
      history.get(i - 1).to().transitionTo(history.get(i).to());
      if (history.get(i).from() != history.get(i - 1).to()) {
        throw new IllegalArgumentException("status history of " + row.orderId() + " has a gap");
      }
    }
    if (history.get(history.size() - 1).to() != row.status()) {
      throw new IllegalArgumentException(
          "row status of " + row.orderId() + " is not its last change");
    }
  }
}
