package io.payrail.launcher.chaos;

import java.util.Map;
import java.util.TreeMap;

/**
 * What became of a round's orders that risk held for review: the load's reviewer decides each one
 * it sees held, and each must end with the outcome its decision calls for.
 *
 * @param held orders seen held for review (a HELD_FOR_REVIEW PaymentProcessed)
 * @param approved of those, the ones the reviewer approved
 * @param rejected of those, the ones the reviewer rejected
 * @param finalAs the held orders' final PaymentProcessed, by status (CAPTURED, DECLINED, FAILED
 *     after an approval; REJECTED_BY_REVIEW after a rejection)
 */
public record ReviewTally(int held, int approved, int rejected, Map<String, Integer> finalAs) {

  public ReviewTally {
    finalAs = Map.copyOf(finalAs);
  }

  /** Held orders with their final outcome seen. */
  public int decided() {
    return finalAs.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public String toString() {
    if (held == 0) {
      return "no order held for review";
    }
    return "%d held for review: %d approved, %d rejected; %d final as %s"
        .formatted(held, approved, rejected, decided(), new TreeMap<>(finalAs));
  }
}
