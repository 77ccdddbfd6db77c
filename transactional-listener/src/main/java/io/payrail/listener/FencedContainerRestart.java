package io.payrail.listener;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Reads a fenced batch again. When the broker fences a listener's transactional producer (its
 * transaction outlived {@code transaction.timeout.ms}, or another producer took its transactional
 * id), Spring Kafka neither rolls the batch back nor seeks: the consumer's position is already past
 * the batch, whose offsets were never committed, so the records would be skipped until the next
 * rebalance, while the ledger may already hold what they did and their events were aborted. The
 * container is therefore stopped when fenced ({@code stopContainerWhenFenced}), and this starts it
 * again: the new consumer resumes from the committed offsets, so the batch is delivered again and
 * the handlers (idempotent by design) find what they did and publish it again, in a new transaction
 * with a new producer.
 */
public class FencedContainerRestart implements ApplicationListener<ConsumerStoppedEvent> {

  private static final Logger log = LoggerFactory.getLogger(FencedContainerRestart.class);

  private final Executor restarts;

  public FencedContainerRestart(Executor restarts) {
    this.restarts = restarts;
  }

  @Override
  public void onApplicationEvent(ConsumerStoppedEvent event) {
    if (event.getReason() != ConsumerStoppedEvent.Reason.FENCED) {
      return;
    }
    MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
    log.warn(
        "listener {} was fenced; starting it again from the committed offsets",
        container.getListenerId());
    // Not on the stopping consumer's thread: stop() waits for that thread to end.
    restarts.execute(
        () -> {
          container.stop();
          container.start();
        });
  }
}
