package io.payrail.payment.reconcile;

import io.payrail.payment.gateway.ChargeOutcome;

/**
 * What the acquirer did with a charge whose answer never came, as the reconciler found it: the
 * value of a record on the internal resolutions topic (keyed by orderId), written as {@code
 * RESULT;reference;declineCode}. Not part of the contract: only this processor reads it.
 */
record Resolution(ChargeOutcome outcome) {

  private static final String SEPARATOR = ";";

  String encode() {
    return String.join(
        SEPARATOR,
        outcome.result().name(),
        orEmpty(outcome.gatewayReference()),
        orEmpty(outcome.declineCode()));
  }

  static Resolution decode(String value) {
    String[] parts = value.split(SEPARATOR, -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a resolution: " + value);
    }
    return new Resolution(
        new ChargeOutcome(
            ChargeOutcome.Result.valueOf(parts[0]), orNull(parts[1]), orNull(parts[2])));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String orNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
