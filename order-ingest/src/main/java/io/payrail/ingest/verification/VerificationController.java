package io.payrail.ingest.verification;

import io.payrail.events.CustomerVerification;
import io.payrail.events.VerificationStatus;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.auth.MerchantAuthFilter;
import io.payrail.ingest.auth.RequiresScope;
import io.payrail.ingest.auth.Scope;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.publish.EventPublisher;
import io.payrail.ingest.request.JsonFields;
import io.payrail.ingest.request.RequestBodies;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.TextRule;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.topics.Topics;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/customers/{customerId}/verification}: records a customer's identity verification
 * for the merchant of the API key, as the latest record of {@code customer-verifications} (keyed
 * {@code merchantId/customerId}), which risk-streams joins to the customer's next orders.
 *
 * <p>Either the merchant relays its provider's result ({@code status} and what goes with it), or,
 * where the simulated provider is switched on, it names only a test {@code providerReference} and
 * the simulated provider answers. Never a name or a document number: the body has no field for
 * them, and unknown fields are refused.
 */
@RestController
public class VerificationController {

  private static final Set<String> FIELDS =
      Set.of("status", "level", "providerReference", "verifiedAt", "expiresAt");

  private static final TextRule STATUS =
      new TextRule(
          1,
          VerificationStatus.UNVERIFIED.name().length(),
          value -> Arrays.stream(VerificationStatus.values()).anyMatch(s -> s.name().equals(value)),
          "one of " + Arrays.stream(VerificationStatus.values()).map(Enum::name).toList());

  /** Stands in for a result while the request has errors; never published. */
  private static final ProviderResult NOTHING =
      new ProviderResult(VerificationStatus.UNVERIFIED, null, null, null);

  private final RequestBodies bodies;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Optional<SimulatedVerificationProvider> simulated;

  public VerificationController(
      RequestBodies bodies,
      EventPublisher publisher,
      Clock clock,
      Optional<SimulatedVerificationProvider> simulated) {
    this.bodies = bodies;
    this.publisher = publisher;
    this.clock = clock;
    this.simulated = simulated;
  }

  @RequiresScope(Scope.CUSTOMERS_WRITE)
  @PostMapping(
      path = "/v1/customers/{customerId}/verification",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<VerificationAccepted> verify(
      @PathVariable String customerId,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    JsonNode body = bodies.readObject(request);
    JsonFields fields = JsonFields.of(body).rejectUnknown(FIELDS);
    String customerProblem = ContractRules.CUSTOMER_ID.problem(customerId);
    if (customerProblem != null) {
      fields.error("customerId", customerProblem);
    }
    Optional<String> reference =
        fields.optionalText("providerReference", ContractRules.PROVIDER_REFERENCE);
    ProviderResult result =
        present(body, "status") ? relayed(fields) : simulatedAnswer(body, fields, reference);
    if (!fields.errors().isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION_FAILED,
          "The verification has invalid fields",
          fields.errors(),
          Map.of());
    }
    CustomerVerification verification =
        CustomerVerification.newBuilder()
            .setMerchantId(merchant.id())
            .setCustomerId(customerId)
            .setStatus(result.status())
            .setLevel(result.level())
            .setProviderReference(reference.orElse(null))
            .setVerifiedAt(result.verifiedAt())
            .setExpiresAt(result.expiresAt())
            .setUpdatedAt(clock.instant())
            .build();
    ProblemException broken =
        ProblemException.ifViolated(
            "The verification has invalid fields",
            ContractRules.customerVerification(verification));
    if (broken != null) {
      throw broken;
    }
    publisher.publish(
        Topics.CUSTOMER_VERIFICATIONS, CustomerKey.of(merchant.id(), customerId), verification);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(
            new VerificationAccepted(
                customerId,
                verification.getStatus().name(),
                verification.getLevel(),
                verification.getProviderReference(),
                verification.getVerifiedAt(),
                verification.getExpiresAt()));
  }

  /** The merchant relays its provider's result. */
  private static ProviderResult relayed(JsonFields fields) {
    String status = fields.text("status", STATUS);
    Optional<String> level = fields.optionalText("level", ContractRules.VERIFICATION_LEVEL);
    Optional<Instant> verifiedAt = fields.optionalInstant("verifiedAt");
    Optional<Instant> expiresAt = fields.optionalInstant("expiresAt");
    return new ProviderResult(
        status.isEmpty() ? NOTHING.status() : VerificationStatus.valueOf(status),
        level.orElse(null),
        verifiedAt.orElse(null),
        expiresAt.orElse(null));
  }

  /** Without a status, the simulated provider answers for its test reference. */
  private ProviderResult simulatedAnswer(
      JsonNode body, JsonFields fields, Optional<String> reference) {
    for (String field : List.of("level", "verifiedAt", "expiresAt")) {
      if (present(body, field)) {
        fields.error(field, "comes from the provider: send it with a status, or leave it out");
      }
    }
    if (simulated.isEmpty()) {
      fields.error("status", "is required (no verification provider is configured to ask)");
      return NOTHING;
    }
    if (reference.isEmpty()) {
      fields.error(
          "providerReference",
          "is required without a status: one of " + SimulatedVerificationProvider.TEST_REFERENCES);
      return NOTHING;
    }
    if (reference.get().isEmpty()) {
      // Already refused by its rule.
      return NOTHING;
    }
    return simulated
        .get()
        .lookUp(reference.get())
        .orElseGet(
            () -> {
              fields.error(
                  "providerReference",
                  "is not a case of the simulated verification provider: one of "
                      + SimulatedVerificationProvider.TEST_REFERENCES);
              return NOTHING;
            });
  }

  private static boolean present(JsonNode body, String field) {
    return body.has(field) && !body.get(field).isNull();
  }
}
