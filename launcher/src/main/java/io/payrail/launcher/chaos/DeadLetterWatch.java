package io.payrail.launcher.chaos;

import io.payrail.audit.deadletter.DeadLetter;
import io.payrail.audit.deadletter.DeadLetterSettings;
import io.payrail.audit.deadletter.DeadLetters;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dead letters a round added to any contract topic's {@code .DLT}. The chaos traffic is valid
 * throughout, so each of them is a valid record that a disruption turned into a dead letter (the
 * registry or the database away taken for a bad record, say): a round with any is not clean.
 */
final class DeadLetterWatch {

  private final DeadLetters deadLetters;
  private final Map<String, Long> lastOffsets;

  private DeadLetterWatch(DeadLetters deadLetters, Map<String, Long> lastOffsets) {
    this.deadLetters = deadLetters;
    this.lastOffsets = lastOffsets;
  }

  /** Notes where every dead-letter topic ends now. */
  static DeadLetterWatch start(DeadLetterSettings settings) {
    DeadLetters deadLetters = new DeadLetters(settings);
    Map<String, Long> lastOffsets = new HashMap<>();
    for (DeadLetter letter : all(deadLetters)) {
      lastOffsets.merge(partition(letter), letter.location().offset(), Math::max);
    }
    return new DeadLetterWatch(deadLetters, lastOffsets);
  }

  /** The dead letters written since {@link #start}, in every dead-letter topic. */
  List<DeadLetter> since() {
    return all(deadLetters).stream()
        .filter(
            letter -> letter.location().offset() > lastOffsets.getOrDefault(partition(letter), -1L))
        .toList();
  }

  private static List<DeadLetter> all(DeadLetters deadLetters) {
    return Topics.ALL.stream()
        .map(Topic::name)
        .flatMap(name -> deadLetters.list(name).stream())
        .toList();
  }

  private static String partition(DeadLetter letter) {
    return letter.location().topic() + "-" + letter.location().partition();
  }
}
