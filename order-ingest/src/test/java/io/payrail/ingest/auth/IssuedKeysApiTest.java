package io.payrail.ingest.auth;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.MerchantApiKey;
import io.payrail.ingest.FacadeTestBase;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.schemas.keys.ApiKeys;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Keys as data: a key written to {@code merchant-keys} (as {@code ./payrail keys} writes it) is
 * accepted by the running facade without a restart, refused once revoked, and limited to its
 * scopes.
 */
class IssuedKeysApiTest extends FacadeTestBase {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Loose enough for a loaded CI machine; the global thread usually takes milliseconds. */
  private static final Duration PROPAGATION = Duration.ofSeconds(10);

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  @Test
  void anIssuedKeyWorksWithoutARestartAndIsRefusedSecondsAfterItIsRevoked() {
    String key = ApiKeys.newKey(RANDOM);
    MerchantApiKey issued = issue(key, List.of("orders:write", "orders:read"), null);
    String orderId = uniqueId("issued");

    await()
        .atMost(PROPAGATION)
        .until(() -> post(port, "/v1/orders", key, orderJson(orderId)).statusCode() == 202);
    assertThat(get(port, "/v1/orders/" + orderId, key).statusCode()).isEqualTo(200);

    revoke(issued, Instant.now());

    await()
        .atMost(PROPAGATION)
        .untilAsserted(
            () -> {
              HttpResponse<String> refused = get(port, "/v1/orders/" + orderId, key);
              assertThat(refused.statusCode()).isEqualTo(401);
              assertThat(refused.body()).contains("/problems/unauthorized");
            });
    assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).statusCode())
        .as("the merchant's other keys are untouched")
        .isEqualTo(200);
  }

  @Test
  void aKeyWithoutRefundsWriteIsForbiddenToRefundAndAReadOnlyKeyToPlaceOrders() {
    String checkout = ApiKeys.newKey(RANDOM);
    issue(checkout, List.of("orders:write", "orders:read"), null);
    String readOnly = ApiKeys.newKey(RANDOM);
    issue(readOnly, List.of("orders:read"), null);
    String orderId = uniqueId("scoped");
    await()
        .atMost(PROPAGATION)
        .until(() -> post(port, "/v1/orders", checkout, orderJson(orderId)).statusCode() == 202);
    await()
        .atMost(PROPAGATION)
        .until(() -> get(port, "/v1/orders/" + orderId, readOnly).statusCode() == 200);

    HttpResponse<String> refund =
        post(
            port,
            "/v1/orders/" + orderId + "/refunds",
            checkout,
            "{\"refundId\":\"rf-1\",\"amountMinor\":500,\"reason\":\"requested_by_customer\"}");
    assertThat(refund.statusCode()).isEqualTo(403);
    assertThat(refund.body()).contains("/problems/insufficient-scope").contains("refunds:write");

    HttpResponse<String> place = post(port, "/v1/orders", readOnly, orderJson(uniqueId("ro")));
    assertThat(place.statusCode()).isEqualTo(403);
    assertThat(place.body()).contains("orders:write");
    assertThat(post(port, "/v1/customers", readOnly, "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void duringARotationBothKeysWorkUntilTheOldOnesGracePeriodEnds() {
    String old = ApiKeys.newKey(RANDOM);
    MerchantApiKey oldKey = issue(old, List.of("orders:write", "orders:read"), null);
    await()
        .atMost(PROPAGATION)
        .until(() -> post(port, "/v1/orders", old, orderJson(uniqueId("old"))).statusCode() == 202);

    String next = ApiKeys.newKey(RANDOM);
    issue(next, List.of("orders:write", "orders:read"), oldKey.getKeyId());
    revoke(oldKey, Instant.now().plus(1, ChronoUnit.HOURS));
    await()
        .atMost(PROPAGATION)
        .until(
            () -> post(port, "/v1/orders", next, orderJson(uniqueId("next"))).statusCode() == 202);
    assertThat(post(port, "/v1/orders", old, orderJson(uniqueId("grace"))).statusCode())
        .as("the old key is live until its grace period ends")
        .isEqualTo(202);

    revoke(oldKey, Instant.now());
    await()
        .atMost(PROPAGATION)
        .until(
            () -> post(port, "/v1/orders", old, orderJson(uniqueId("late"))).statusCode() == 401);
    assertThat(post(port, "/v1/orders", next, orderJson(uniqueId("on"))).statusCode())
        .isEqualTo(202);
  }

  @Test
  void aKeyThatOnlySharesAnIssuedKeysIdIsRefused() {
    String key = ApiKeys.newKey(RANDOM);
    MerchantApiKey issued = issue(key, List.of("orders:read"), null);
    await()
        .atMost(PROPAGATION)
        .until(() -> get(port, "/v1/orders/" + uniqueId("any"), key).statusCode() == 404);
    // Another hash under the same id: what a forged record or an id collision would look like.
    MerchantApiKey forged =
        MerchantApiKey.newBuilder(issued)
            .setKeySha256(HexFormat.of().formatHex(ApiKeys.sha256(key + "x")))
            .build();
    IngestTestSupport.write(Topics.MERCHANT_KEYS, issued.getKeyId(), forged);
    await()
        .atMost(PROPAGATION)
        .until(() -> get(port, "/v1/orders/" + uniqueId("any"), key).statusCode() == 401);
  }

  @Test
  void everyV1EndpointDeclaresTheScopeItNeeds() {
    Map<RequestMappingInfo, HandlerMethod> methods = handlers.getHandlerMethods();
    List<String> undeclared =
        methods.entrySet().stream()
            .filter(
                entry ->
                    entry.getKey().getPatternValues().stream()
                        .anyMatch(pattern -> pattern.startsWith("/v1/")))
            .filter(entry -> !entry.getValue().hasMethodAnnotation(RequiresScope.class))
            .map(entry -> entry.getKey().toString())
            .toList();
    assertThat(methods).isNotEmpty();
    assertThat(undeclared).isEmpty();
  }

  private static MerchantApiKey issue(String key, List<String> scopes, String replaces) {
    byte[] hash = ApiKeys.sha256(key);
    MerchantApiKey record =
        MerchantApiKey.newBuilder()
            .setKeyId(ApiKeys.idOf(hash))
            .setMerchantId(DEV_MERCHANT)
            .setKeySha256(HexFormat.of().formatHex(hash))
            .setScopes(List.copyOf(scopes))
            .setLabel("issued-keys-test")
            .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setReplaces(replaces)
            .build();
    IngestTestSupport.write(Topics.MERCHANT_KEYS, record.getKeyId(), record);
    return record;
  }

  private static void revoke(MerchantApiKey key, Instant at) {
    IngestTestSupport.write(
        Topics.MERCHANT_KEYS,
        key.getKeyId(),
        MerchantApiKey.newBuilder(key).setRevokedAt(at.truncatedTo(ChronoUnit.MILLIS)).build());
  }
}
