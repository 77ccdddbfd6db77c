package io.payrail.gateway.charge;

import java.util.Optional;

/**
 * An acquirer that charges payment-method tokens. Implementations must honour the request's
 * idempotency key: the same key always gets the first answer and never a second charge, which is
 * what makes replaying a batch after a crash safe. Business outcomes (approved, declined),
 * retryable failures and unknown outcomes are answers; an exception means the gateway could not be
 * asked at all and fails the whole batch, which is then retried.
 */
public interface PaymentGateway {

  GatewayResponse charge(ChargeRequest request);

  /**
   * What the acquirer recorded for a charge with this idempotency key: {@link
   * GatewayResponse.Approved} or {@link GatewayResponse.Declined}, or empty when it has no charge
   * with that key (the request never reached it, or it charged nothing). An exception means the
   * acquirer could not be asked.
   */
  Optional<GatewayResponse> lookup(String idempotencyKey);
}
