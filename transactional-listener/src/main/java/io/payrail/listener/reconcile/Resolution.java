package io.payrail.listener.reconcile;

/**
 * What the acquirer did with a call whose answer never came, as the reconciler found it: the value
 * of a record on the processor's internal resolutions topic, written as {@code
 * OUTCOME;reference;code}. Not part of the contract: only the processor that wrote it reads it.
 *
 * @param outcome the status the row ends in (CAPTURED, DECLINED, FAILED; COMPLETED, REJECTED)
 * @param reference the acquirer's reference, null when it did nothing
 * @param code why the row did not succeed (decline or rejection code), null when it did
 */
public record Resolution(String outcome, String reference, String code) {

  private static final String SEPARATOR = ";";

  public String encode() {
    return String.join(SEPARATOR, outcome, orEmpty(reference), orEmpty(code));
  }

  /**
   * @throws IllegalArgumentException for a value that is not a resolution
   */
  public static Resolution decode(String value) {
    String[] parts = value == null ? new String[0] : value.split(SEPARATOR, -1);
    if (parts.length != 3 || parts[0].isEmpty()) {
      throw new IllegalArgumentException("not a resolution: " + value);
    }
    return new Resolution(parts[0], orNull(parts[1]), orNull(parts[2]));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String orNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
