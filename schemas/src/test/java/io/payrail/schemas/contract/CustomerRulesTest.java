package io.payrail.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.CustomerRegistered;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's rules for a registration ({@link ContractRules#customer}). */
class CustomerRulesTest {

  private static CustomerRegistered valid() {
    return CustomerRegistered.newBuilder()
        .setMerchantId("merchant-1")
        .setCustomerId("customer-1")
        .setDisplayName("Ada L.")
        .setEmailSha256("a".repeat(64))
        .setContactReference("crm:4711")
        .setCountry("DE")
        .setCreatedAt(Instant.parse("2026-12-01T05:00:00Z"))
        .build();
  }

  private static List<String> fields(CustomerRegistered customer) {
    return ContractRules.customer(customer).stream().map(Violation::field).toList();
  }

  @Test
  void aValidRegistrationBreaksNoRuleWithOrWithoutContactFields() {
    assertThat(ContractRules.customer(valid())).isEmpty();
    CustomerRegistered bare = valid();
    bare.setEmailSha256(null);
    bare.setContactReference(null);
    assertThat(ContractRules.customer(bare)).isEmpty();
  }

  @Test
  void anEmailAddressIsNotAHash() {
    CustomerRegistered customer = valid();
    customer.setEmailSha256("ada@example.com");
    assertThat(fields(customer)).containsExactly("emailSha256");
  }

  @Test
  void idsWithASlashCountryAndBlankNameAreRefused() {
    CustomerRegistered customer = valid();
    customer.setCustomerId("a/b");
    customer.setCountry("Germany");
    customer.setDisplayName(" ");
    assertThat(fields(customer)).containsExactly("customerId", "displayName", "country");
  }

  @Test
  void aCardNumberInAnyFieldIsRefused() {
    CustomerRegistered customer = valid();
    customer.setDisplayName("4111111111111111");
    assertThat(ContractRules.holdsCardNumber(ContractRules.customer(customer))).isTrue();
  }
}
