package io.payrail.gateway.charge;

import java.util.List;

/**
 * An acquirer with a batch authorisation call: many charges in one exchange, each with its own
 * idempotency key and its own answer. One round trip per batch instead of one per charge is what
 * lets the payment step keep up with thousands of orders a second; gateways without such a call
 * implement only {@link PaymentGateway} and are asked one charge at a time, concurrently.
 */
public interface BatchPaymentGateway extends PaymentGateway {

  /**
   * The answers, in the order of the requests. The per-request contract is that of {@link
   * PaymentGateway#charge}; an exception means the batch could not be asked at all.
   */
  List<GatewayResponse> chargeBatch(List<ChargeRequest> requests);
}
