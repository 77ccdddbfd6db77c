package io.payrail.launcher.audit;

import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.AuditSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./payrail audit}: reconciles result topics, ledger, acquirer and loyalty balances. */
@Command(
    name = "audit",
    description = {
      "Reconcile result topics, ledger, acquirer and loyalty; exit 1 on any discrepancy.",
      "PAYRAIL_KAFKA_BOOTSTRAP_SERVERS, PAYRAIL_SCHEMA_REGISTRY_URL and PAYRAIL_DB_URL,"
          + " PAYRAIL_DB_USER, PAYRAIL_DB_PASSWORD point it at another cluster and database."
    })
public final class AuditCommand implements Callable<Integer> {

  @Option(
      names = "--order-prefix",
      paramLabel = "PREFIX",
      description = "audit only orders whose id starts with PREFIX")
  String orderPrefix;

  @Override
  public Integer call() {
    AuditSettings settings = AuditSettings.fromEnvironment(System.getenv());
    if (orderPrefix != null) {
      settings = settings.withOrderIdPrefix(orderPrefix);
    }
    AuditReport report = Audit.run(settings);
    System.out.println(report.render());
    return report.isClean() ? 0 : 1;
  }
}
