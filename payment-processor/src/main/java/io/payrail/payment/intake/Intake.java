package io.payrail.payment.intake;

import io.payrail.listener.Rejected;
import io.payrail.schemas.keys.OrderKey;
import java.util.List;

/**
 * One batch sorted: what can be processed, in offset order, and what goes to the dead-letter topic.
 */
public record Intake(List<Assessment> accepted, List<Rejected> rejected) {

  public Intake {
    accepted = List.copyOf(accepted);
    rejected = List.copyOf(rejected);
  }

  /** The distinct orders of the accepted assessments. */
  public List<OrderKey> orders() {
    return accepted.stream().map(Assessment::key).distinct().toList();
  }
}
