package io.payrail.risk.scoring;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.risk.features.CustomerFeatures;
import io.payrail.risk.features.CustomerHistory;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.rules.RiskVerdict;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.streams.deadletter.Outcome;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Scores one order of a customer (input keyed by {@code merchantId/customerId}, joined with the
 * customer's verification) and emits its assessment keyed by the order's {@code merchantId/orderId}
 * ({@link OrderKey}, the key of order-risk, as of orders): read the customer's features as of the
 * order's event time, evaluate the rules, then remember the order. An order that fails here becomes
 * a dead letter and the partition moves on; failures of Kafka Streams itself (state, fencing) are
 * rethrown for Streams to handle.
 */
public final class CustomerRiskScorer
    implements Processor<String, OrderToScore, String, Outcome<RiskAssessed>> {

  private final RiskRules rules;
  private final String orderLogStore;
  private final String profileStore;
  private final Serializer<OrderPlaced> deadLetterSerializer;
  private final String sourceTopic;
  private final RiskMetrics metrics;
  private ProcessorContext<String, Outcome<RiskAssessed>> context;
  private CustomerHistory history;

  /**
   * @param deadLetterSerializer writes a failed order back in the format of its source topic, so
   *     the dead letter can be replayed there
   */
  public CustomerRiskScorer(
      RiskRules rules,
      String orderLogStore,
      String profileStore,
      Serializer<OrderPlaced> deadLetterSerializer,
      String sourceTopic,
      RiskMetrics metrics) {
    this.rules = rules;
    this.orderLogStore = orderLogStore;
    this.profileStore = profileStore;
    this.deadLetterSerializer = deadLetterSerializer;
    this.sourceTopic = sourceTopic;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<RiskAssessed>> context) {
    this.context = context;
    this.history =
        new CustomerHistory(
            context.getStateStore(orderLogStore),
            context.getStateStore(profileStore),
            rules.featureWindows());
  }

  @Override
  public void process(Record<String, OrderToScore> record) {
    OrderPlaced order = record.value().order();
    Record<String, OrderToScore> byOrder =
        record.withKey(OrderKey.of(order.getMerchantId(), order.getOrderId()));
    RiskAssessed assessment;
    try {
      CustomerFeatures features =
          history.featuresOf(order, record.timestamp(), record.value().verification());
      RiskVerdict verdict = rules.assess(order, features);
      history.remember(order, record.timestamp());
      assessment =
          RiskAssessed.newBuilder()
              .setOrder(order)
              .setScore(verdict.score())
              .setDecision(verdict.decision())
              .setReasons(verdict.reasons())
              .setRulesVersion(rules.version())
              .setAssessedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
              .build();
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      context.forward(
          byOrder.withValue(
              new Outcome.DeadLetter<>(deadLetterSerializer.serialize(sourceTopic, order), e)));
      return;
    }
    metrics.assessed(assessment);
    context.forward(byOrder.withValue(new Outcome.Ok<>(assessment)));
  }
}
