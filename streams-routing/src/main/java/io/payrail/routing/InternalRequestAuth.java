package io.payrail.routing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates one instance's request to another: an HMAC-SHA256, with a secret every instance of
 * the service shares, over the method, path, query, a timestamp and the sender, in the header
 * {@link #HEADER} ({@code v1 ts=<epoch ms> from=<host:port> sig=<base64url>}). A client cannot
 * forge one without the secret, so only a request with a valid signature is treated as forwarded.
 *
 * <p>Over plain HTTP this authenticates the peer but does not hide the exchange: whoever can sniff
 * pod traffic can replay a captured request within {@code maxSkew}. Confidentiality needs TLS.
 */
public final class InternalRequestAuth {

  /** The signature header of a forwarded request. */
  public static final String HEADER = "Payrail-Internal-Auth";

  /** The shortest secret accepted: HMAC-SHA256's block of key material. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "v1";

  private final SecretKeySpec key;
  private final Duration maxSkew;
  private final Clock clock;

  /**
   * @param secret the shared secret, at least {@link #MIN_SECRET_BYTES} bytes
   * @param maxSkew how far a signature's timestamp may be from this instance's clock
   */
  public InternalRequestAuth(byte[] secret, Duration maxSkew, Clock clock) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "The internal secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.maxSkew = maxSkew;
    this.clock = clock;
  }

  /** The {@link #HEADER} value for a request from {@code from} (host:port). */
  public String sign(String method, String path, String query, String from) {
    long timestamp = clock.millis();
    return VERSION
        + " ts="
        + timestamp
        + " from="
        + from
        + " sig="
        + signature(method, path, query, timestamp, from);
  }

  /**
   * The sender named in a valid {@link #HEADER} value for this request, or empty when the value is
   * missing, malformed, signed with another secret, for another request or outside the skew.
   *
   * @param query the raw query string, or null
   */
  public Optional<String> verify(String method, String path, String query, String header) {
    if (header == null) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String[] parts = header.trim().split(" ");
    if (parts.length != 4 || !VERSION.equals(parts[0])) {
      return Optional.empty();
    }
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (equals <= 0) {
        return Optional.empty();
      }
      fields.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
    }
    String from = fields.get("from");
    String signature = fields.get("sig");
    long timestamp;
    try {
      timestamp = Long.parseLong(fields.getOrDefault("ts", ""));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (from == null
        || signature == null
        || Math.abs(clock.millis() - timestamp) > maxSkew.toMillis()) {
      return Optional.empty();
    }
    byte[] expected =
        signature(method, path, query, timestamp, from).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))
        ? Optional.of(from)
        : Optional.empty();
  }

  private String signature(String method, String path, String query, long timestamp, String from) {
    String canonical =
        String.join("\n", method, path, query == null ? "" : query, Long.toString(timestamp), from);
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
