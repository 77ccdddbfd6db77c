package io.payrail.audit.deadletter;

import java.util.List;
import java.util.Map;

/**
 * What one replay did.
 *
 * @param deadLetterTopic the dead-letter topic replayed
 * @param republished dead letters sent back to their original topic by this run
 * @param byOriginalTopic how many went to each original topic
 * @param refused dead letters not replayed because their original topic is not a contract topic (an
 *     internal repartition or changelog topic, say) or they have no value (left out because it held
 *     a card number): passed over, never published
 * @param consumerGroup the group whose committed offsets remember what was replayed
 * @param rekeyed how many of those republished went back under a key made from their value (their
 *     own was null or not the topic's kind of key, e.g. nulled because it looked like a card
 *     number), so that they land on their order's or customer's partition
 */
public record ReplayResult(
    String deadLetterTopic,
    int republished,
    Map<String, Integer> byOriginalTopic,
    List<DeadLetter> refused,
    String consumerGroup,
    int rekeyed) {

  public ReplayResult {
    byOriginalTopic = Map.copyOf(byOriginalTopic);
    refused = List.copyOf(refused);
  }
}
