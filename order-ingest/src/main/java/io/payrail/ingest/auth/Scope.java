package io.payrail.ingest.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do beyond placing and reading orders, refunds and customers (which every key
 * may). A key entry without a scope list has every scope, so entries written before scopes existed
 * keep working.
 */
public enum Scope {
  /** {@code GET /v1/reviews}. */
  REVIEWS_READ("reviews:read"),
  /** {@code POST /v1/orders/{orderId}/review}. */
  REVIEWS_WRITE("reviews:write");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** As written in {@code payrail.ingest.merchants} and in a 403's detail. */
  public String value() {
    return value;
  }

  public static Optional<Scope> of(String value) {
    return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
  }

  public static Set<Scope> all() {
    return EnumSet.allOf(Scope.class);
  }
}
