package io.payrail.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public development key is refused outside local runs and demos. */
class DevelopmentKeyGuardTest {

  @Test
  void facadeRefusesToStartWithTheDevelopmentKeyUnlessAllowed() {
    // IngestTestSupport's merchants include the development key's hash.
    assertThatThrownBy(
            () ->
                IngestTestSupport.startFacade(
                        IngestTestSupport.uniqueId("payrail-order-status-devkey"),
                        IngestTestSupport.freePort(),
                        Map.of("payrail.ingest.allow-development-key", "false"))
                    .close())
        .hasStackTraceContaining("PAYRAIL_INGEST_ALLOW_DEVELOPMENT_KEY");
  }
}
