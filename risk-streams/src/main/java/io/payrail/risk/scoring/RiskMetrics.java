package io.payrail.risk.scoring;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.risk.intake.FirstOrderIdWins;
import io.payrail.streams.deadletter.DeadLetterStamper;

/**
 * What the topology reports as it goes. Counts are at-least-once: a task that is replayed after a
 * crash counts its replayed records again, while its output stays exactly-once.
 */
public interface RiskMetrics extends FirstOrderIdWins.RepeatListener, DeadLetterStamper.Listener {

  /** Reports nothing. */
  RiskMetrics NONE =
      new RiskMetrics() {
        @Override
        public void assessed(RiskAssessed assessment) {}

        @Override
        public void repeatedOrderDropped(OrderPlaced order) {}
      };

  void assessed(RiskAssessed assessment);

  @Override
  default void deadLettered(String deadLetterTopic) {}
}
