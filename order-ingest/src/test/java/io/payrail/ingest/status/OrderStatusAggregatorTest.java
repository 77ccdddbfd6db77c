package io.payrail.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.schemas.contract.ContractRules;
import org.junit.jupiter.api.Test;

/** The aggregator alone: what a status row may hold. */
class OrderStatusAggregatorTest {

  private final OrderStatusAggregator aggregator = new OrderStatusAggregator();

  @Test
  void theStatusRowKeepsAtMostTheRefundCapWhateverArrives() {
    OrderPlaced order = StatusTopologyTest.order("o-capped");
    OrderStatus status = aggregator.apply("o-capped", order, OrderStatus.empty());
    status =
        aggregator.apply(
            "o-capped", StatusTopologyTest.payment(order, PaymentStatus.CAPTURED), status);
    int arriving = ContractRules.MAX_REFUNDS_PER_ORDER * 3;
    for (int i = 1; i <= arriving; i++) {
      RefundProcessed refund = StatusTopologyTest.refund(order, "r-" + i, 1, i);
      if (i % 2 == 0) {
        refund.setStatus(RefundStatus.REJECTED);
        refund.setRefundedTotalMinor(i - 1);
      }
      status = aggregator.apply("o-capped", refund, status);
    }
    // The same outcomes again (an at-least-once replay) change nothing.
    OrderStatus replayed =
        aggregator.apply("o-capped", StatusTopologyTest.refund(order, "r-1", 1, 1), status);

    assertThat(status.refunds()).hasSize(ContractRules.MAX_REFUNDS_PER_ORDER);
    assertThat(status.refundedMinor()).isEqualTo(arriving - 1);
    assertThat(replayed).isEqualTo(status);
  }

  @Test
  void anOrderThatBreaksTheContractIsNeverStored() {
    OrderPlaced order = StatusTopologyTest.order("o-card");
    order.setCustomerId("4111 1111 1111 1111");

    OrderStatus status = aggregator.apply("o-card", order, OrderStatus.empty());

    assertThat(status.order()).isNull();
    assertThat(status.status()).isNull();
  }
}
