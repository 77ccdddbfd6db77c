package io.payrail.gateway.charge;

/**
 * An acquirer that charges payment-method tokens. Implementations must honour the request's
 * idempotency key: the same key always gets the first answer and never a second charge, which is
 * what makes replaying a batch after a crash safe. Business outcomes (approved, declined) and
 * retryable failures are answers; an exception means the gateway could not be asked at all and
 * fails the whole batch, which is then retried.
 */
public interface PaymentGateway {

  GatewayResponse charge(ChargeRequest request);
}
