package io.payrail.payment.reconcile;

import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.SourceRecord;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.listener.PaymentMetrics;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.listener.PaymentStepHook;
import io.payrail.payment.publish.PaymentPublisher;
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
import org.springframework.stereotype.Component;

/**
 * Records the reconciler's resolutions and publishes each payment's {@code PaymentProcessed}
 * exactly once, like the payment step does for orders: inside the container's Kafka transaction,
 * the ledger first (the row remembers the resolution record that finalized it), then the event with
 * the offsets. Delivered again after an abort, the same record finds the row it finalized and
 * publishes it again; a second resolution of the same payment finds it final and does nothing.
 */
@Component
public class ResolutionListener {

  public static final String LISTENER_ID = "payment-resolutions";

  private static final Logger log = LoggerFactory.getLogger(ResolutionListener.class);

  private final PaymentLedger ledger;
  private final PaymentPublisher publisher;
  private final PaymentStepHook steps;
  private final PaymentMetrics metrics;
  private final Clock clock;

  public ResolutionListener(
      PaymentLedger ledger,
      PaymentPublisher publisher,
      PaymentStepHook steps,
      PaymentMetrics metrics,
      Clock clock) {
    this.ledger = ledger;
    this.publisher = publisher;
    this.steps = steps;
    this.metrics = metrics;
    this.clock = clock;
  }

  @KafkaListener(
      id = LISTENER_ID,
      topics = "${payrail.payment.reconciler.topic}",
      groupId = "${spring.kafka.consumer.group-id}-resolutions",
      batch = "true",
      properties =
          "spring.deserializer.value.delegate.class="
              + "org.apache.kafka.common.serialization.StringDeserializer")
  public void onResolutions(List<ConsumerRecord<String, String>> records) {
    Map<String, PaymentRow> rows =
        ledger.findByOrderIds(records.stream().map(ConsumerRecord::key).distinct().toList());
    List<PaymentRow> toRepublish = new ArrayList<>();
    List<StatusUpdate> resolved = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      PaymentRow row = rows.get(record.key());
      SourceRecord source = new SourceRecord(record.topic(), record.partition(), record.offset());
      if (row == null || !seen.add(record.key())) {
        continue;
      }
      if (row.finalizedBy(source)) {
        toRepublish.add(row);
      } else if (!row.status().isFinal()) {
        Resolution resolution = decode(record);
        if (resolution != null) {
          resolved.add(PaymentDecider.resolve(row, resolution.outcome(), source, clock.instant()));
        }
      }
    }
    ledger.update(resolved);
    List<String> orderIds = resolved.stream().map(update -> update.row().orderId()).toList();
    steps.reached(PaymentStep.AFTER_RESOLUTION_COMMIT, orderIds);

    List<PaymentRow> outcomes = new ArrayList<>(toRepublish);
    resolved.forEach(update -> outcomes.add(update.row()));
    publisher.publish(outcomes);
    resolved.forEach(update -> metrics.recorded(update.row().status()));
  }

  /** Null for a value this processor did not write: the topic is internal, nothing to do. */
  private static Resolution decode(ConsumerRecord<String, String> record) {
    try {
      return Resolution.decode(record.value());
    } catch (RuntimeException e) {
      log.error(
          "skipping {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
      return null;
    }
  }
}
