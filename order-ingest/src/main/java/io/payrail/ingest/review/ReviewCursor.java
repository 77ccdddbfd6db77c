package io.payrail.ingest.review;

import io.payrail.ingest.status.OpenReview;
import io.payrail.schemas.contract.ContractRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opaque cursor of {@code GET /v1/reviews}: the position (heldAt millis, orderId) of the last
 * review of a page, base64url-encoded behind a version prefix. It names a place in the merchant's
 * own range only (the merchant comes from the key), so another merchant's cursor shows nothing of
 * that merchant.
 */
record ReviewCursor(long heldAtMillis, String orderId) {

  private static final String VERSION = "r1:";
  private static final Pattern POSITION = Pattern.compile("r1:([0-9]{1,15}):(.+)");

  static ReviewCursor after(OpenReview last) {
    return new ReviewCursor(last.heldAt().toEpochMilli(), last.orderId());
  }

  String encoded() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + heldAtMillis + ":" + orderId).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or empty when the text is not one this facade wrote. */
  static Optional<ReviewCursor> parse(String text) {
    if (text.length() > 200) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Matcher matcher = POSITION.matcher(decoded);
    if (!matcher.matches() || ContractRules.ORDER_ID.problem(matcher.group(2)) != null) {
      return Optional.empty();
    }
    return Optional.of(new ReviewCursor(Long.parseLong(matcher.group(1)), matcher.group(2)));
  }

  /** Where the cursor points in the open-reviews index, after the merchant. */
  Instant heldAt() {
    return Instant.ofEpochMilli(heldAtMillis);
  }
}
