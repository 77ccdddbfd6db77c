package io.payrail.loyalty.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.loyalty.LoyaltyRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The audit recomputes balances with loyalty-streams' programme without depending on this module:
 * it reads the same environment variables and keeps the same defaults. This is the check that the
 * defaults it keeps are the ones application.yml ships.
 */
class AuditProgramDefaultsTest {

  @Test
  void auditRecomputesWithTheProgrammeThisServiceShips() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    try {
      new YamlPropertySourceLoader()
          .load("application.yml", new ClassPathResource("application.yml"))
          .forEach(environment.getPropertySources()::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LoyaltyProgramProperties shipped =
        Binder.get(environment)
            .bind("payrail.loyalty.program", LoyaltyProgramProperties.class)
            .get();

    assertThat(LoyaltyRules.defaults()).isEqualTo(shipped.rules());
  }
}
