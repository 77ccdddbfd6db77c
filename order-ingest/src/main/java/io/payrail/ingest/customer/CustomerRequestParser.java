package io.payrail.ingest.customer;

import io.payrail.events.CustomerRegistered;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.request.JsonFields;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.TextRule;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates a {@code POST /v1/customers} body and turns it into a {@link CustomerRegistered}: the
 * contract's rules ({@link ContractRules#customer}), unknown fields rejected, every problem
 * reported at once. There is no field for an e-mail address, phone, postal address or birth date:
 * what Payrail does not need, it does not take.
 */
final class CustomerRequestParser {

  private static final String INVALID = "The registration has invalid fields";
  private static final String EMAIL_SHA256 = "emailSha256";
  private static final String CONTACT_REFERENCE = "contactReference";
  private static final Set<String> FIELDS =
      Set.of("customerId", "displayName", EMAIL_SHA256, CONTACT_REFERENCE, "country");

  private CustomerRequestParser() {}

  static CustomerRegistered parse(JsonNode body, Merchant merchant, Instant createdAt) {
    JsonFields fields = JsonFields.of(body).rejectUnknown(FIELDS);
    CustomerRegistered customer =
        CustomerRegistered.newBuilder()
            .setMerchantId(merchant.id())
            .setCustomerId(fields.text("customerId", ContractRules.CUSTOMER_ID))
            .setDisplayName(fields.text("displayName", ContractRules.DISPLAY_NAME))
            .setEmailSha256(optional(body, fields, EMAIL_SHA256, ContractRules.EMAIL_SHA256))
            .setContactReference(
                optional(body, fields, CONTACT_REFERENCE, ContractRules.CONTACT_REFERENCE))
            .setCountry(fields.text("country", ContractRules.COUNTRY))
            .setCreatedAt(createdAt)
            .build();
    if (!fields.errors().isEmpty()) {
      throw new ProblemException(ProblemType.VALIDATION_FAILED, INVALID, fields.errors(), Map.of());
    }
    // Anything a field check above cannot see (a card number in a free-text field).
    ProblemException broken =
        ProblemException.ifViolated(INVALID, ContractRules.customer(customer));
    if (broken != null) {
      throw broken;
    }
    return customer;
  }

  private static String optional(JsonNode body, JsonFields fields, String name, TextRule rule) {
    JsonNode value = body.get(name);
    return value == null || value.isNull() ? null : fields.text(name, rule);
  }
}
