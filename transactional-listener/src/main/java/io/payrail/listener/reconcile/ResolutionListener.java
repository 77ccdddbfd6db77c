package io.payrail.listener.reconcile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Records the reconciler's resolutions and publishes each row's outcome exactly once, as the
 * processor's own listener does for its input: inside the container's Kafka transaction, the ledger
 * first (the row remembers the resolution record that finalized it), then the event with the
 * offsets. Delivered again after an abort, the same record finds the row it finalized and publishes
 * it again; a second resolution of the same row finds it final and does nothing.
 */
public class ResolutionListener {

  public static final String LISTENER_ID = "resolutions";

  private static final Logger log = LoggerFactory.getLogger(ResolutionListener.class);

  private final Resolutions<?, ?> resolutions;
  private final Clock clock;

  public ResolutionListener(Resolutions<?, ?> resolutions, Clock clock) {
    this.resolutions = resolutions;
    this.clock = clock;
  }

  @KafkaListener(
      id = LISTENER_ID,
      topics = "${payrail.reconciler.topic}",
      groupId = "${spring.kafka.consumer.group-id}-resolutions",
      batch = "true",
      properties =
          "spring.deserializer.value.delegate.class="
              + "org.apache.kafka.common.serialization.StringDeserializer")
  public void onResolutions(List<ConsumerRecord<String, String>> records) {
    record(records, resolutions);
  }

  private <R extends OutcomeRow, C> void record(
      List<ConsumerRecord<String, String>> records, Resolutions<R, C> ledger) {
    Map<String, R> rows =
        ledger.find(records.stream().map(ConsumerRecord::key).distinct().toList());
    List<R> again = new ArrayList<>();
    List<C> resolved = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      R row = rows.get(record.key());
      if (row == null || !seen.add(record.key())) {
        continue;
      }
      SourceRecord source = SourceRecord.of(record);
      if (row.finalizedBy(source)) {
        again.add(row);
      } else if (!row.isFinal()) {
        try {
          resolved.add(
              ledger.resolve(row, Resolution.decode(record.value()), source, clock.instant()));
        } catch (IllegalArgumentException notAResolution) {
          // The topic is internal: a value this processor did not write is nothing to do.
          log.error(
              "skipping {}-{}@{}: {}",
              record.topic(),
              record.partition(),
              record.offset(),
              notAResolution.toString());
        }
      }
    }
    ledger.record(resolved);
    ledger.publish(again, resolved);
  }
}
