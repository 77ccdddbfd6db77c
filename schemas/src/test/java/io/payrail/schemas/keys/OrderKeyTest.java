package io.payrail.schemas.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An order is named by its merchant and the merchant's reference, in keys and in locks. */
class OrderKeyTest {

  @Test
  void twoMerchantsSameOrderIdAreTwoKeys() {
    assertThat(OrderKey.of("m-a", "1001")).isEqualTo("m-a/1001");
    assertThat(OrderKey.of("m-a", "1001")).isNotEqualTo(OrderKey.of("m-b", "1001"));
  }

  @Test
  void parseReadsBackWhatEncodedWrote() {
    OrderKey key = new OrderKey("merchant.one", "ord:2026-11-30_7");
    assertThat(OrderKey.parse(key.encoded())).isEqualTo(key);
  }

  @Test
  void aKeyWithoutMerchantIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> OrderKey.parse("1001"));
    assertThatIllegalArgumentException().isThrownBy(() -> OrderKey.parse("/1001"));
    assertThatIllegalArgumentException().isThrownBy(() -> OrderKey.parse("m-a/"));
    assertThatIllegalArgumentException().isThrownBy(() -> OrderKey.parse(null));
  }

  @Test
  void keysSortByMerchantThenOrder() {
    List<OrderKey> sorted =
        List.of(new OrderKey("m-b", "1"), new OrderKey("m-a", "2"), new OrderKey("m-a", "1"))
            .stream()
            .sorted()
            .toList();
    assertThat(sorted)
        .containsExactly(
            new OrderKey("m-a", "1"), new OrderKey("m-a", "2"), new OrderKey("m-b", "1"));
  }

  @Test
  void customerKeysParseToo() {
    assertThat(CustomerKey.parse("m-a/c-1")).isEqualTo(new CustomerKey("m-a", "c-1"));
    assertThatIllegalArgumentException().isThrownBy(() -> CustomerKey.parse("c-1"));
  }
}
