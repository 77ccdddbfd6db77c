package io.payrail.refund.decision;

import io.payrail.events.RefundRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests with one refundId "the same request": order, merchant, amount and
 * currency as asked (an absent amount or currency is its own value, not the one it resolved to).
 * The reason and the request time may differ between retries.
 */
public final class RequestFingerprint {

  private static final char SEPARATOR = '\u0000';
  private static final String ABSENT = "*";

  private RequestFingerprint() {}

  /** SHA-256 of the identifying fields, 64 hex characters. */
  public static String of(RefundRequested request) {
    String identity =
        request.getOrderId()
            + SEPARATOR
            + request.getMerchantId()
            + SEPARATOR
            + (request.getAmountMinor() == null ? ABSENT : request.getAmountMinor().toString())
            + SEPARATOR
            + (request.getCurrency() == null ? ABSENT : request.getCurrency());
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
