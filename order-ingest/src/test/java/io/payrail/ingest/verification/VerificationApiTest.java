package io.payrail.ingest.verification;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.OTHER_KEY;
import static io.payrail.ingest.IngestTestSupport.OTHER_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.CustomerVerification;
import io.payrail.events.VerificationStatus;
import io.payrail.ingest.FacadeTestBase;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/customers/{customerId}/verification} on the real broker and registry: what the
 * merchant relays or the simulated provider answers becomes the customer's record on {@code
 * customer-verifications}, keyed by the key's merchant and the customer.
 */
class VerificationApiTest extends FacadeTestBase {

  private HttpResponse<String> verify(String key, String customerId, String json) {
    return post(port, "/v1/customers/" + customerId + "/verification", key, json);
  }

  private static List<CustomerVerification> published(String merchantId, String customerId) {
    return IngestTestSupport.valuesWithKey(
        Topics.CUSTOMER_VERIFICATIONS, CustomerKey.of(merchantId, customerId));
  }

  @Test
  void relayedResultIsPublishedUnderTheKeysMerchantAndTheCustomer() {
    String customerId = uniqueId("cust");

    HttpResponse<String> answer =
        verify(
            DEV_KEY,
            customerId,
            """
            {"status":"VERIFIED","level":"enhanced","providerReference":"case-7f3a",
             "verifiedAt":"2026-11-30T10:00:00Z","expiresAt":"2027-11-30T10:00:00Z"}""");

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.body()).contains("\"status\":\"VERIFIED\"").contains(customerId);
    assertThat(published(DEV_MERCHANT, customerId))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getMerchantId()).isEqualTo(DEV_MERCHANT);
              assertThat(record.getCustomerId()).isEqualTo(customerId);
              assertThat(record.getStatus()).isEqualTo(VerificationStatus.VERIFIED);
              assertThat(record.getLevel()).isEqualTo("enhanced");
              assertThat(record.getProviderReference()).isEqualTo("case-7f3a");
              assertThat(record.getVerifiedAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
              assertThat(record.getExpiresAt()).isEqualTo(Instant.parse("2027-11-30T10:00:00Z"));
            });
    assertThat(published(OTHER_MERCHANT, customerId)).isEmpty();
  }

  @Test
  void simulatedProvidersTestReferencesVerifyRejectOrStayPending() {
    String verified = uniqueId("cust");
    String rejected = uniqueId("cust");
    String pending = uniqueId("cust");
    String expired = uniqueId("cust");

    for (String[] call :
        List.of(
            new String[] {verified, SimulatedVerificationProvider.VERIFIED},
            new String[] {rejected, SimulatedVerificationProvider.REJECTED},
            new String[] {pending, SimulatedVerificationProvider.PENDING},
            new String[] {expired, SimulatedVerificationProvider.EXPIRED})) {
      assertThat(
              verify(OTHER_KEY, call[0], "{\"providerReference\":\"" + call[1] + "\"}")
                  .statusCode())
          .as(call[1])
          .isEqualTo(202);
    }

    CustomerVerification ok = published(OTHER_MERCHANT, verified).get(0);
    assertThat(ok.getStatus()).isEqualTo(VerificationStatus.VERIFIED);
    assertThat(ok.getProviderReference()).isEqualTo(SimulatedVerificationProvider.VERIFIED);
    assertThat(Duration.between(ok.getVerifiedAt(), ok.getExpiresAt()))
        .isEqualTo(Duration.ofDays(365));
    assertThat(published(OTHER_MERCHANT, rejected).get(0).getStatus())
        .isEqualTo(VerificationStatus.REJECTED);
    assertThat(published(OTHER_MERCHANT, pending).get(0).getStatus())
        .isEqualTo(VerificationStatus.PENDING);
    assertThat(published(OTHER_MERCHANT, expired).get(0).getStatus())
        .isEqualTo(VerificationStatus.EXPIRED);
  }

  @Test
  void badInputIsAProblemNamingEveryFieldAndPublishesNothing() {
    String customerId = uniqueId("cust");

    HttpResponse<String> relayed =
        verify(
            DEV_KEY,
            customerId,
            """
            {"status":"APPROVED","level":"Gold Level","verifiedAt":"yesterday",
             "documentNumber":"X1234567"}""");
    HttpResponse<String> unknownReference =
        verify(DEV_KEY, customerId, "{\"providerReference\":\"vrf_test_maybe\"}");
    HttpResponse<String> verifiedWithoutDate =
        verify(DEV_KEY, customerId, "{\"status\":\"VERIFIED\"}");
    HttpResponse<String> badCustomer =
        verify(DEV_KEY, "a..b%20c", "{\"providerReference\":\"vrf_test_verified\"}");

    assertThat(relayed.statusCode()).isEqualTo(400);
    assertThat(relayed.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(relayed.body())
        .contains("https://payrail.io/problems/validation-failed")
        .contains("\"documentNumber\"")
        .contains("\"status\"")
        .contains("\"level\"")
        .contains("\"verifiedAt\"")
        .doesNotContain("X1234567");
    assertThat(unknownReference.statusCode()).isEqualTo(400);
    assertThat(unknownReference.body())
        .contains("\"providerReference\"")
        .contains("vrf_test_verified");
    assertThat(verifiedWithoutDate.statusCode()).isEqualTo(400);
    assertThat(verifiedWithoutDate.body()).contains("\"verifiedAt\"");
    assertThat(badCustomer.statusCode()).isEqualTo(400);
    assertThat(badCustomer.body()).contains("\"customerId\"");
    assertThat(published(DEV_MERCHANT, customerId)).isEmpty();
  }

  @Test
  void aCardNumberAsProviderReferenceIsRefusedAndStoredNowhere() {
    String customerId = uniqueId("cust");

    HttpResponse<String> answer =
        verify(DEV_KEY, customerId, "{\"providerReference\":\"4111111111111111\"}");

    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.body()).doesNotContain("4111111111111111");
    assertThat(published(DEV_MERCHANT, customerId)).isEmpty();
  }

  @Test
  void withoutAKeyNothingIsRecorded() {
    String customerId = uniqueId("cust");

    assertThat(
            verify(null, customerId, "{\"providerReference\":\"vrf_test_verified\"}").statusCode())
        .isEqualTo(401);
    assertThat(published(DEV_MERCHANT, customerId)).isEmpty();
  }
}
