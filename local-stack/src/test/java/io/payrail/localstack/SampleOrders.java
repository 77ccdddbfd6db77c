package io.payrail.localstack;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Orders for tests of the infrastructure. */
final class SampleOrders {

  private SampleOrders() {}

  static OrderPlaced order(String orderId) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId("merchant-1")
        .setCustomerId("customer-" + Math.floorMod(orderId.hashCode(), 50))
        .setAmountMinor(2_500)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku-1", 2, 1_250L)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .build();
  }
}
