package io.payrail.ingest.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do. Every {@code /v1} endpoint names the one scope it needs ({@link
 * RequiresScope}); a key without it gets 403 {@code insufficient-scope}, so a read-only key cannot
 * place an order and a checkout key need not be able to refund.
 */
public enum Scope {
  /** {@code POST /v1/orders}. */
  ORDERS_WRITE("orders:write"),
  /** {@code GET /v1/orders/{orderId}}, long-polls included. */
  ORDERS_READ("orders:read"),
  /** {@code POST /v1/orders/{orderId}/refunds}. */
  REFUNDS_WRITE("refunds:write"),
  /** {@code POST /v1/customers} and {@code POST /v1/customers/{customerId}/verification}. */
  CUSTOMERS_WRITE("customers:write"),
  /** {@code GET /v1/customers/{customerId}} and its loyalty balance. */
  CUSTOMERS_READ("customers:read"),
  /** {@code POST /v1/coupons}. */
  COUPONS_WRITE("coupons:write"),
  /** {@code GET /v1/coupons/{code}}. */
  COUPONS_READ("coupons:read"),
  /** {@code GET /v1/reviews}. */
  REVIEWS_READ("reviews:read"),
  /** {@code POST /v1/orders/{orderId}/review}. */
  REVIEWS_WRITE("reviews:write");

  /**
   * What every key could do before keys had scopes for it. A configured entry whose scope list
   * names none of them (written when only the review scopes existed) still has them, so a
   * deployment's checkout key with {@code ;scopes=} keeps placing orders (docs/operations.md).
   */
  static final Set<Scope> ALWAYS_GRANTED_BEFORE =
      EnumSet.of(
          ORDERS_WRITE,
          ORDERS_READ,
          REFUNDS_WRITE,
          CUSTOMERS_WRITE,
          CUSTOMERS_READ,
          COUPONS_WRITE,
          COUPONS_READ);

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** As written in {@code payrail.ingest.merchants}, in {@code keys create} and in a 403. */
  public String value() {
    return value;
  }

  public static Optional<Scope> of(String value) {
    return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
  }

  public static Set<Scope> all() {
    return EnumSet.allOf(Scope.class);
  }

  /** The known scopes among {@code values}; an unknown one grants nothing. */
  public static Set<Scope> known(Collection<? extends CharSequence> values) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    values.forEach(value -> of(value.toString()).ifPresent(scopes::add));
    return scopes;
  }
}
