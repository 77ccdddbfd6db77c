package io.payrail.schemas.contract;

/**
 * One broken rule of the contract.
 *
 * @param field the path of the field, as in JSON: {@code items[2].sku}, {@code paymentMethod.token}
 * @param message what the field must be; never the field's value, which may be a card number
 */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + " " + message;
  }
}
