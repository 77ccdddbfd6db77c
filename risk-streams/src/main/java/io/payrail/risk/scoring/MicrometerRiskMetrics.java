package io.payrail.risk.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.events.RiskReason;
import io.payrail.risk.rules.RiskRules;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decisions by outcome and rules fired, per rule, as Micrometer counters. Every counter is
 * registered up front so dashboards see a zero instead of a missing series.
 */
public final class MicrometerRiskMetrics implements RiskMetrics {

  public static final String DECISIONS = "payrail.risk.decisions";
  public static final String RULES_FIRED = "payrail.risk.rules.fired";
  public static final String REPEATED_ORDERS = "payrail.risk.orders.repeated";
  public static final String DEAD_LETTERS = "payrail.risk.dead.letters";

  private final Map<RiskDecision, Counter> decisions = new EnumMap<>(RiskDecision.class);
  private final Map<String, Counter> rulesFired;
  private final MeterRegistry registry;
  private final Counter repeated;

  public MicrometerRiskMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (RiskDecision decision : RiskDecision.values()) {
      decisions.put(
          decision,
          Counter.builder(DECISIONS)
              .description("Orders assessed, by decision")
              .tag("decision", decision.name())
              .register(registry));
    }
    rulesFired =
        RiskRules.RULE_IDS.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), this::ruleCounter));
    repeated =
        Counter.builder(REPEATED_ORDERS)
            .description("Orders dropped because the same merchantId/orderId was already assessed")
            .register(registry);
  }

  @Override
  public void assessed(RiskAssessed assessment) {
    decisions.get(assessment.getDecision()).increment();
    for (RiskReason reason : assessment.getReasons()) {
      rulesFired.getOrDefault(reason.getRule(), ruleCounter(reason.getRule())).increment();
    }
  }

  @Override
  public void repeatedOrderDropped(OrderPlaced order) {
    repeated.increment();
  }

  @Override
  public void deadLettered(String deadLetterTopic) {
    registry.counter(DEAD_LETTERS, "topic", deadLetterTopic).increment();
  }

  private Counter ruleCounter(String rule) {
    return Counter.builder(RULES_FIRED)
        .description("Times a risk rule fired")
        .tag("rule", rule)
        .register(registry);
  }
}
