package io.payrail.launcher.audit;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.AuditSettings;
import io.payrail.audit.continuous.AuditRounds;
import io.payrail.launcher.OptionValues;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./payrail audit}: reconciles result topics, ledger, acquirer and loyalty balances, once or
 * every interval ({@code --every}) with Prometheus metrics on {@code --metrics-port}. The metrics
 * are served by the JDK's own HTTP server: a CLI has no Spring context, and one scrape endpoint
 * needs none.
 */
@Command(
    name = "audit",
    description = {
      "Reconcile result topics, ledger, acquirer and loyalty up to a cut --settle before now;"
          + " exit 1 on any discrepancy.",
      "PAYRAIL_KAFKA_BOOTSTRAP_SERVERS, PAYRAIL_SCHEMA_REGISTRY_URL and PAYRAIL_DB_URL,"
          + " PAYRAIL_DB_USER, PAYRAIL_DB_PASSWORD point it at another cluster and database."
    })
public final class AuditCommand implements Callable<Integer> {

  /** Where {@code --metrics-port} serves the metrics, in Prometheus' text format. */
  static final String METRICS_PATH = "/metrics";

  @Spec CommandSpec spec;

  @Option(
      names = "--merchant",
      paramLabel = "MERCHANT",
      description = "audit only this merchant's orders (PAYRAIL_AUDIT_MERCHANT_ID; default all)")
  String merchant;

  @Option(
      names = "--order-prefix",
      paramLabel = "PREFIX",
      description =
          "audit only orders whose orderId starts with PREFIX (of every merchant, or of --merchant)")
  String orderPrefix;

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      converter = OptionValues.NonNegativeDuration.class,
      description =
          "compare only orders and balances with nothing newer than this before the audit's start;"
              + " the rest is in flight (PAYRAIL_AUDIT_SETTLE, default 2m; 0 on a quiet pipeline)")
  Duration settle;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      converter = OptionValues.NonNegativeDuration.class,
      description =
          "audit again every DURATION (e.g. 5m) until a round finds discrepancies (exit 1)")
  Duration every;

  @Option(
      names = "--keep-going",
      description = "with --every: go on after a round with discrepancies or a failed read")
  boolean keepGoing;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      converter = OptionValues.Port.class,
      description = "with --every: serve Prometheus metrics on PORT at " + METRICS_PATH)
  Integer metricsPort;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (every == null && (keepGoing || metricsPort != null)) {
      throw new ParameterException(
          spec.commandLine(), "--keep-going and --metrics-port need --every");
    }
    if (every != null && every.isZero()) {
      throw new ParameterException(spec.commandLine(), "--every must be above zero");
    }
    AuditSettings settings = AuditSettings.fromEnvironment(System.getenv());
    if (merchant != null) {
      settings = settings.withMerchant(merchant);
    }
    if (orderPrefix != null) {
      settings = settings.withOrderIdPrefix(orderPrefix);
    }
    if (settle != null) {
      settings = settings.withSettle(settle);
    }
    AuditSettings audited = settings;
    if (every == null) {
      AuditReport report = Audit.run(audited);
      System.out.println(report.render());
      return report.isClean() ? 0 : 1;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server = metricsPort == null ? null : serve(registry, metricsPort);
    try {
      new AuditRounds(
              () -> Audit.run(audited),
              registry,
              every,
              keepGoing,
              report -> System.out.println(report.render()))
          .run();
      return 1;
    } finally {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  /** Serves the registry at {@link #METRICS_PATH} on {@code port} (0: a free one). */
  static HttpServer serve(PrometheusMeterRegistry registry, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext(
        METRICS_PATH,
        exchange -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    System.out.println(
        "audit metrics on http://localhost:" + server.getAddress().getPort() + METRICS_PATH);
    return server;
  }
}
