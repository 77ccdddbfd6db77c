package io.payrail.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CanonicalOrderTest {

  private static byte[] fingerprint(Consumer<OrderPlaced> change) {
    OrderPlaced order = EventRulesTest.validOrder();
    change.accept(order);
    return CanonicalOrder.fingerprint(order);
  }

  @Test
  void theSameOrderPlacedAtAnotherTimeHasTheSameFingerprint() {
    assertThat(fingerprint(o -> o.setPlacedAt(Instant.parse("2030-01-01T00:00:00Z"))))
        .isEqualTo(fingerprint(o -> {}));
  }

  @Test
  void everyOtherFieldChangesTheFingerprint() {
    byte[] original = fingerprint(o -> {});
    List<Consumer<OrderPlaced>> changes =
        List.of(
            o -> o.setOrderId("order-2"),
            o -> o.setMerchantId("merchant-2"),
            o -> o.setCustomerId("Customer-1"),
            o -> o.setAmountMinor(4000),
            o -> o.setCurrency("USD"),
            o -> o.getItems().get(0).setSku("sku-3"),
            o -> o.getItems().get(0).setQuantity(3),
            o -> o.getItems().get(0).setUnitAmountMinor(1501L),
            o -> o.setItems(List.of(o.getItems().get(1), o.getItems().get(0))),
            o -> o.getPaymentMethod().setToken("tok_mastercard"),
            o -> o.getPaymentMethod().setBrand("mastercard"),
            o -> o.getPaymentMethod().setLast4("4444"),
            o -> o.getPaymentMethod().setIssuingCountry("FR"),
            o -> o.setShippingCountry("FR"),
            o -> o.setChannel(io.payrail.events.Channel.MOBILE));
    for (Consumer<OrderPlaced> change : changes) {
      assertThat(fingerprint(change)).isNotEqualTo(original);
    }
  }

  @Test
  void fieldBoundariesCannotBeShiftedBetweenFields() {
    assertThat(
            fingerprint(
                o -> {
                  o.setCustomerId("ab");
                  o.setItems(List.of(new LineItem("c", 1, 3999L)));
                }))
        .isNotEqualTo(
            fingerprint(
                o -> {
                  o.setCustomerId("a");
                  o.setItems(List.of(new LineItem("bc", 1, 3999L)));
                }));
  }

  /**
   * The canonical form is pinned: it is Payrail's own, not an encoder's, so no change of a topic's
   * or store's serialization can change which submissions count as the same order. Changing it
   * makes replays within the idempotency window of a rolling upgrade answer 409.
   */
  @Test
  void theCanonicalFormIsPinned() {
    assertThat(HexFormat.of().formatHex(CanonicalOrder.fingerprint(EventRulesTest.validOrder())))
        .isEqualTo(PINNED);
  }

  private static final String PINNED =
      "e1ea946faca1b8d7a39c7c4fa73abb35aecd3528988df3334c698e9c445e8f5c";
}
