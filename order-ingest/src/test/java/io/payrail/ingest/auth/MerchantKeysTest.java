package io.payrail.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.MerchantApiKey;
import io.payrail.schemas.keys.ApiKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The configured entries' format, with and without scopes, and the issued keys' rules. */
class MerchantKeysTest {

  private static String hash(String key) {
    return HexFormat.of().formatHex(ApiKeys.sha256(key));
  }

  @Test
  void anEntryWithoutScopesHasEveryScopeSoExistingEntriesKeepWorking() {
    MerchantKeys keys = new MerchantKeys(List.of("shop-1:" + hash("k1")));

    MerchantKeys.ApiKey key = keys.find("k1").orElseThrow();

    assertThat(key.merchant().id()).isEqualTo("shop-1");
    assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.values());
  }

  @Test
  void anEntryListingOnlyReviewScopesKeepsWhatEveryKeyMayDoSoExistingEntriesKeepWorking() {
    MerchantKeys keys =
        new MerchantKeys(
            List.of(
                "shop:eu:1:" + hash("read") + ";scopes=reviews:read",
                "shop-2:" + hash("both") + ";scopes=reviews:read+reviews:write",
                "shop-3:" + hash("none") + ";scopes="));

    assertThat(keys.find("read").orElseThrow().merchant().id()).isEqualTo("shop:eu:1");
    assertThat(keys.find("read").orElseThrow().scopes())
        .contains(Scope.REVIEWS_READ, Scope.ORDERS_WRITE, Scope.REFUNDS_WRITE)
        .doesNotContain(Scope.REVIEWS_WRITE);
    assertThat(keys.find("both").orElseThrow().scopes())
        .contains(Scope.REVIEWS_READ, Scope.REVIEWS_WRITE, Scope.ORDERS_WRITE);
    assertThat(keys.find("none").orElseThrow().scopes())
        .containsExactlyInAnyOrderElementsOf(Scope.ALWAYS_GRANTED_BEFORE);
  }

  @Test
  void anEntryListingAnyOtherScopeHasExactlyThoseSoAKeyCanBeReadOnly() {
    MerchantKeys keys =
        new MerchantKeys(
            List.of(
                "shop-1:" + hash("ro") + ";scopes=orders:read",
                "shop-1:" + hash("checkout") + ";scopes=orders:write+orders:read"));

    assertThat(keys.find("ro").orElseThrow().scopes()).containsExactly(Scope.ORDERS_READ);
    assertThat(keys.find("checkout").orElseThrow().scopes())
        .containsExactlyInAnyOrder(Scope.ORDERS_WRITE, Scope.ORDERS_READ);
  }

  @Test
  void anIssuedKeyIsFoundByItsIdOnlyWhileLiveAndOnlyWithItsWholeHash() {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    String key = ApiKeys.newKey(new SecureRandom());
    Map<String, MerchantApiKey> records = new HashMap<>();
    MerchantKeys keys =
        new MerchantKeys(
            List.of(),
            id -> Optional.ofNullable(records.get(id)),
            Clock.fixed(now, ZoneOffset.UTC));
    MerchantApiKey issued =
        MerchantApiKey.newBuilder()
            .setKeyId(ApiKeys.idOf(key))
            .setMerchantId("shop-9")
            .setKeySha256(hash(key))
            .setScopes(List.of("orders:read", "refunds:admin"))
            .setCreatedAt(now.minusSeconds(60))
            .build();

    assertThat(keys.find(key)).as("not issued yet").isEmpty();
    records.put(issued.getKeyId(), issued);
    MerchantKeys.ApiKey found = keys.find(key).orElseThrow();
    assertThat(found.id()).isEqualTo(issued.getKeyId());
    assertThat(found.merchant().id()).isEqualTo("shop-9");
    assertThat(found.scopes())
        .as("an unknown scope grants nothing")
        .containsExactly(Scope.ORDERS_READ);

    records.put(
        issued.getKeyId(),
        MerchantApiKey.newBuilder(issued).setRevokedAt(now.plusSeconds(1)).build());
    assertThat(keys.find(key)).as("revoked from a moment to come: a rotation's grace").isPresent();
    records.put(issued.getKeyId(), MerchantApiKey.newBuilder(issued).setRevokedAt(now).build());
    assertThat(keys.find(key)).as("revoked").isEmpty();

    records.put(
        issued.getKeyId(), MerchantApiKey.newBuilder(issued).setKeySha256(hash(key + "x")).build());
    assertThat(keys.find(key)).as("same id, another hash").isEmpty();
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
