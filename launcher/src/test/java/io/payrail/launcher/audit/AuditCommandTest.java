package io.payrail.launcher.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payrail.audit.AuditReport;
import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.continuous.AuditRounds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditCommandTest {

  @Test
  void continuousAuditServesItsDiscrepanciesAsAPrometheusGauge() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AuditReport unclean =
        new AuditReport(
            "all orders",
            Map.of(),
            List.of(new Discrepancy(DiscrepancyKind.DUPLICATE_CHARGE, "o-1", "c-1", "twice")),
            List.of());
    new AuditRounds(() -> unclean, registry, Duration.ZERO, false, report -> {}).run();
    HttpServer server = AuditCommand.serve(registry, 0);
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://localhost:"
                                  + server.getAddress().getPort()
                                  + AuditCommand.METRICS_PATH))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("payrail_audit_discrepancies 1.0")
          .contains("payrail_audit_rounds_total{outcome=\"discrepancies\"} 1.0")
          .contains("payrail_audit_last_round_seconds");
    } finally {
      server.stop(0);
    }
  }
}
