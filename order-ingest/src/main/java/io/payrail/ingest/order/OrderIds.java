package io.payrail.ingest.order;

import java.util.regex.Pattern;

/** The shape of merchant references: orderId and refundId. */
public final class OrderIds {

  public static final int MAX_LENGTH = 64;

  /** 1 to 64 characters that need no escaping in a URL path or a log line. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

  public static final String PATTERN_MESSAGE = "must be 1 to 64 characters of [A-Za-z0-9._:-]";

  private OrderIds() {}

  public static boolean valid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
