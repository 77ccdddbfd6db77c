package io.payrail.payment.decision;

import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.PaymentRow;
import java.util.List;
import java.util.stream.Stream;

/**
 * What to do with one batch.
 *
 * @param toRepublish rows written by an earlier attempt at these same records, whose Kafka
 *     transaction did not commit: their outcome is published again, nothing else happens
 * @param toCharge new approved orders, to charge and record
 * @param withoutCharge new orders risk declined or held: recorded, never charged
 * @param duplicates further deliveries of orders that already have a row or came earlier in the
 *     batch: nothing is charged, written or published
 */
public record BatchPlan(
    List<PaymentRow> toRepublish,
    List<Assessment> toCharge,
    List<Assessment> withoutCharge,
    List<Assessment> duplicates) {

  public BatchPlan {
    toRepublish = List.copyOf(toRepublish);
    toCharge = List.copyOf(toCharge);
    withoutCharge = List.copyOf(withoutCharge);
    duplicates = List.copyOf(duplicates);
  }

  /** The orders this batch writes or publishes. */
  public List<String> orderIds() {
    return Stream.concat(
            toRepublish.stream().map(PaymentRow::orderId),
            Stream.concat(toCharge.stream(), withoutCharge.stream()).map(Assessment::orderId))
        .toList();
  }
}
