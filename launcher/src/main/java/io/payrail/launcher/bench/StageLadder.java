package io.payrail.launcher.bench;

import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Each stage's capacity alone: its input topic pre-filled with what it would receive for the
 * bench's orders, then the stage started on its own (one JVM, nothing else running but the broker
 * and the database) and measured by the same steady-state rule as the pipeline. The slowest stage
 * on the orders' path bounds the pipeline; the facade alone bounds HTTP.
 *
 * <p>Stages run in an order that leaves each the right input: the facade first (its orders join
 * risk's input), the payment before the refund (refunds need captured payments), the status view
 * last (it reads everything the others wrote).
 */
final class StageLadder {

  /**
   * One rung.
   *
   * @param name what the report calls it
   * @param module the service that runs it
   * @param unitsPerOrder the stage's units per order: 3 for the status view, which reads each
   *     order's placed, assessed and paid events
   */
  record Stage(String name, String module, int unitsPerOrder) {}

  static final Stage FACADE = new Stage("facade", BenchDeployment.FACADE, 1);
  static final Stage RISK = new Stage("risk", "risk-streams", 1);
  static final Stage PAYMENT = new Stage("payment", "payment-processor", 1);
  static final Stage LOYALTY = new Stage("loyalty", "loyalty-streams", 1);
  static final Stage REFUND = new Stage("refund", "refund-processor", 1);
  static final Stage STATUS_VIEW = new Stage("status_view", BenchDeployment.FACADE, 3);

  /** All stages, in the order they run. */
  static final List<Stage> ALL = List.of(FACADE, RISK, PAYMENT, LOYALTY, REFUND, STATUS_VIEW);

  /** The stages every order of the pipeline passes (refunds are not part of its orders). */
  static final Set<String> ORDER_PATH =
      Set.of(RISK.name(), PAYMENT.name(), LOYALTY.name(), STATUS_VIEW.name());

  /**
   * What one stage did alone.
   *
   * @param measured its phase (in the stage's units), cost per unit and hot spots
   * @param ordersPerSecond its rate in orders: units per second ÷ units per order
   */
  record StageResult(Stage stage, Measured measured, double ordersPerSecond) {}

  /** How the bench measures a phase; the ladder only says what to count. */
  interface Measurer {
    /** Runs a phase on a counter with costs over the deployment's processes. */
    Measured measure(String phase, String unit, LongSupplier units);

    /** Runs the facade under the bench's HTTP load. */
    Measured http(String phase);
  }

  private final BenchDeployment deployment;
  private final TopicSerdes serdes;
  private final String runId;
  private final int backlog;
  private final Measurer measurer;
  private List<String> paidOrders = List.of();

  /**
   * @param backlog orders' worth of input each stage finds waiting
   */
  StageLadder(
      BenchDeployment deployment,
      TopicSerdes serdes,
      String runId,
      int backlog,
      Measurer measurer) {
    this.deployment = deployment;
    this.serdes = serdes;
    this.runId = runId;
    this.backlog = backlog;
    this.measurer = measurer;
  }

  /**
   * Runs the named stages, in the ladder's order. A stage that fails is reported and left out: the
   * other stages and the phases before still make a report.
   */
  List<StageResult> run(Set<String> stages, PrintStream out) {
    List<StageResult> results = new ArrayList<>();
    for (Stage stage : ALL) {
      if (stages.contains(stage.name())) {
        try {
          results.add(run(stage));
        } catch (RuntimeException e) {
          out.println("bench: stage " + stage.name() + " failed, left out of the ladder: " + e);
        }
      }
    }
    return results;
  }

  private StageResult run(Stage stage) {
    String phase = "stage " + stage.name();
    try {
      if (stage == FACADE) {
        deployment.startService(stage.module());
        Measured http = measurer.http(phase);
        return new StageResult(stage, http, http.phase().rate());
      }
      prefill(stage);
      if (stage == STATUS_VIEW) {
        GroupProgress progress =
            new GroupProgress(
                deployment.admin(),
                List.of(
                    Topics.ORDERS.name(),
                    Topics.ORDER_RISK.name(),
                    Topics.PAYMENTS.name(),
                    Topics.REFUNDS.name()));
        deployment.startService(stage.module());
        return result(stage, measurer.measure(phase, "events", progress::committed));
      }
      try (TopicCounter output =
          new TopicCounter(
              deployment.endpoints().bootstrapServers(), output(stage).name(), stage == PAYMENT)) {
        deployment.startService(stage.module());
        Measured measured = measurer.measure(phase, "orders", output::count);
        if (stage == PAYMENT) {
          paidOrders = output.keys();
        }
        return result(stage, measured);
      }
    } finally {
      deployment.stopServices();
    }
  }

  private static StageResult result(Stage stage, Measured measured) {
    return new StageResult(stage, measured, measured.phase().rate() / stage.unitsPerOrder());
  }

  /** Where a stage's results appear: one record per order it finished. */
  private static Topic<String, ?> output(Stage stage) {
    if (stage == RISK) {
      return Topics.ORDER_RISK;
    }
    if (stage == PAYMENT) {
      return Topics.PAYMENTS;
    }
    if (stage == LOYALTY) {
      return Topics.LOYALTY_BALANCES;
    }
    return Topics.REFUNDS;
  }

  /** Fills the stage's input topic with what it would receive for {@code backlog} orders. */
  private void prefill(Stage stage) {
    String tag = "l" + stage.name().charAt(0);
    if (stage == RISK) {
      fill(Topics.ORDERS, backlog, i -> BenchOrders.order(runId, tag, i), BenchOrders::key);
    } else if (stage == PAYMENT) {
      fill(
          Topics.ORDER_RISK,
          backlog,
          i -> BenchOrders.approved(BenchOrders.order(runId, tag, i)),
          risk -> BenchOrders.key(risk.getOrder()));
    } else if (stage == LOYALTY) {
      fill(
          Topics.PAYMENTS,
          backlog,
          i -> BenchOrders.captured(BenchOrders.order(runId, tag, i)),
          payment -> OrderKey.of(payment.getMerchantId(), payment.getOrderId()));
    } else if (stage == REFUND) {
      List<String> orders = paidOrders.subList(0, Math.min(backlog, paidOrders.size()));
      fill(
          Topics.REFUND_REQUESTS,
          orders.size(),
          i -> BenchOrders.refund(OrderKey.parse(orders.get((int) i)).orderId()),
          refund -> OrderKey.of(refund.getMerchantId(), refund.getOrderId()));
    }
  }

  private <V extends SpecificRecord> void fill(
      Topic<String, V> topic, long count, LongFunction<V> event, Function<V, String> key) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.endpoints().bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            config, new StringSerializer(), serdes.valueSerde(topic).serializer())) {
      for (long i = 0; i < count; i++) {
        V value = event.apply(i);
        producer.send(new ProducerRecord<>(topic.name(), key.apply(value), value));
      }
      producer.flush();
    }
  }
}
