package io.payrail.launcher.chaos;

import io.payrail.audit.AuditReport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one chaos round did and found.
 *
 * @param round the round's number, from 1
 * @param kinds the kinds of disruption it had
 * @param orderIdPrefix every id of the round starts with it
 * @param progress the load's final counts
 * @param reviews the orders held for review: how many, how decided, how they ended
 * @param actions what was disrupted, when, and how it came back
 * @param figures what was measured: payments gone UNKNOWN and their resolution, failover times,
 *     dead letters
 * @param problems losses, repeats, stalls, dead letters, payments left UNKNOWN, slow failovers
 * @param unknownPayments the round's payments that went UNKNOWN, when the acquirer timed out; null
 *     otherwise
 * @param failovers one per instance killed and not restarted
 * @param audit the audit of the round's orders, once everything settled
 * @param took the round's wall time
 */
public record RoundResult(
    int round,
    Set<ChaosKind> kinds,
    String orderIdPrefix,
    LoadProgress progress,
    ReviewTally reviews,
    List<String> actions,
    List<String> figures,
    List<String> problems,
    List<UnknownOutcomes.Summary> unknownOutcomes,
    List<Failover> failovers,
    AuditReport audit,
    Duration took) {

  public RoundResult {
    kinds = Set.copyOf(kinds);
    actions = List.copyOf(actions);
    figures = List.copyOf(figures);
    unknownOutcomes = List.copyOf(unknownOutcomes);
    problems = List.copyOf(problems);
    failovers = List.copyOf(failovers);
  }

  /**
   * Nothing lost, nothing repeated, everything answered in time, no dead letter, and the audit
   * found no discrepancy.
   */
  public boolean isClean() {
    return problems.isEmpty() && audit != null && audit.isClean();
  }

  /** One line for the progress output. */
  public String summary() {
    return "round %d (%s) %s in %d s: %s; %s"
        .formatted(
            round,
            kinds.stream().sorted().map(ChaosKind::label).collect(Collectors.joining(", ")),
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
