package io.payrail.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key entries' format, with and without scopes. */
class MerchantKeysTest {

  private static String hash(String key) {
    return HexFormat.of().formatHex(MerchantKeys.sha256(key));
  }

  @Test
  void anEntryWithoutScopesHasEveryScopeSoExistingEntriesKeepWorking() {
    MerchantKeys keys = new MerchantKeys(List.of("shop-1:" + hash("k1")));

    MerchantKeys.ApiKey key = keys.find("k1").orElseThrow();

    assertThat(key.merchant().id()).isEqualTo("shop-1");
    assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.values());
  }

  @Test
  void anEntryWithScopesHasOnlyThoseAndAnEmptyListNone() {
    MerchantKeys keys =
        new MerchantKeys(
            List.of(
                "shop:eu:1:" + hash("read") + ";scopes=reviews:read",
                "shop-2:" + hash("both") + ";scopes=reviews:read+reviews:write",
                "shop-3:" + hash("none") + ";scopes="));

    assertThat(keys.find("read").orElseThrow().merchant().id()).isEqualTo("shop:eu:1");
    assertThat(keys.find("read").orElseThrow().scopes()).containsExactly(Scope.REVIEWS_READ);
    assertThat(keys.find("both").orElseThrow().scopes())
        .containsExactlyInAnyOrder(Scope.REVIEWS_READ, Scope.REVIEWS_WRITE);
    assertThat(keys.find("none").orElseThrow().scopes()).isEmpty();
  }

  @Test
  void anUnknownScopeStopsTheStartInsteadOfGrantingNothingSilently() {
    assertThatThrownBy(
            () -> new MerchantKeys(List.of("shop-1:" + hash("k") + ";scopes=reviews:admin")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reviews:admin")
        .hasMessageNotContaining(hash("k"));
  }
}
