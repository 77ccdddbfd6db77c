package io.payrail.launcher.chaos;

import io.payrail.audit.AuditReport;
import java.time.Duration;
import java.util.List;

/**
 * What one chaos round did and found.
 *
 * @param round the round's number, from 1
 * @param orderIdPrefix every id of the round starts with it
 * @param progress the load's final counts
 * @param actions what was crashed or restarted, when, and how long it took to come back
 * @param problems losses, repeats or stalls the load's own counts or the consumer groups showed
 * @param audit the audit of the round's orders, once everything settled
 * @param took the round's wall time
 */
public record RoundResult(
    int round,
    String orderIdPrefix,
    LoadProgress progress,
    List<String> actions,
    List<String> problems,
    AuditReport audit,
    Duration took) {

  public RoundResult {
    actions = List.copyOf(actions);
    problems = List.copyOf(problems);
  }

  /** Nothing lost, nothing repeated, everything answered, and the audit found no discrepancy. */
  public boolean isClean() {
    return problems.isEmpty() && audit != null && audit.isClean();
  }

  /** One line for the progress output. */
  public String summary() {
    return "round %d %s in %d s: %s; %s"
        .formatted(
            round,
            isClean() ? "CLEAN" : "NOT CLEAN",
            took.toSeconds(),
            progress,
            audit == null
                ? "no audit"
                : audit.isClean()
                    ? "audit clean"
                    : "audit found " + audit.discrepancies().size() + " discrepancies");
  }
}
