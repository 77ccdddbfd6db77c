package io.payrail.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit read and found.
 *
 * @param scope which orders were audited, in words
 * @param counts how many records and rows of each source were audited, in reading order
 * @param discrepancies everything found wrong, by kind then orderId
 * @param notes limits of this audit a reader should know about
 */
public record AuditReport(
    String scope,
    Map<String, Integer> counts,
    List<Discrepancy> discrepancies,
    List<String> notes) {

  private static final Comparator<Discrepancy> ORDER =
      Comparator.comparing(Discrepancy::kind)
          .thenComparing(Discrepancy::orderId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Discrepancy::customerId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Discrepancy::detail);

  public AuditReport {
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    List<Discrepancy> sorted = new ArrayList<>(discrepancies);
    sorted.sort(ORDER);
    discrepancies = List.copyOf(sorted);
    notes = List.copyOf(notes);
  }

  /** Whether nothing was found wrong: the exit code of {@code ./payrail audit}. */
  public boolean isClean() {
    return discrepancies.isEmpty();
  }

  /** The discrepancies of one kind. */
  public List<Discrepancy> discrepancies(DiscrepancyKind kind) {
    return discrepancies.stream().filter(d -> d.kind() == kind).toList();
  }

  /** The report as ops read it: what was read, the verdict, each discrepancy by kind. */
  public String render() {
    StringBuilder text = new StringBuilder("Payrail audit of ").append(scope).append('\n');
    counts.forEach(
        (source, count) ->
            text.append("  read ").append(count).append(' ').append(source).append('\n'));
    if (isClean()) {
      text.append("CLEAN: no discrepancies\n");
    } else {
      Map<DiscrepancyKind, List<Discrepancy>> byKind = new EnumMap<>(DiscrepancyKind.class);
      discrepancies.forEach(d -> byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d));
      text.append("NOT CLEAN: ").append(discrepancies.size()).append(" discrepancies\n");
      byKind.forEach(
          (kind, list) -> {
            text.append(kind).append(" (").append(list.size()).append("): ");
            text.append(kind.description()).append('\n');
            list.forEach(d -> text.append("  - ").append(d.render()).append('\n'));
          });
    }
    notes.forEach(note -> text.append("note: ").append(note).append('\n'));
    return text.toString();
  }
}
