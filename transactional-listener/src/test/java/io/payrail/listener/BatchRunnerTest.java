package io.payrail.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.support.Acknowledgment;

class BatchRunnerTest {

  private static final Duration BUDGET = Duration.ofSeconds(3);
  private static final Duration RECORD_BACKOFF = Duration.ofMillis(250);
  private static final int MAX_ATTEMPTS = 3;

  private final TickingClock clock = new TickingClock();
  private final List<Rejected> deadLetters = new ArrayList<>();
  private final List<String> published = new ArrayList<>();
  private final RecordingAcknowledgment acknowledgment = new RecordingAcknowledgment();

  private BatchRunner runner(int chunkSize) {
    return new BatchRunner(
        (letter, consumer) -> deadLetters.add(letter),
        new FailureClassifier(List.of(), List.of()),
        new ListenerProperties(
            new ListenerProperties.BatchRetry(Duration.ofMillis(100), 2, Duration.ofSeconds(1)),
            new ListenerProperties.RecordRetry(MAX_ATTEMPTS, RECORD_BACKOFF),
            chunkSize,
            BUDGET),
        clock);
  }

  @Test
  void batchThatSpendsItsTimeBudgetHandsTheRestBackInOrder() {
    List<ConsumerRecord<String, String>> batch = records(10);
    List<List<String>> chunks = new ArrayList<>();

    runner(3)
        .run(
            batch,
            null,
            acknowledgment,
            chunk -> {
              chunks.add(keys(chunk));
              clock.advance(Duration.ofSeconds(2));
              return () -> published.addAll(keys(chunk));
            });

    // 0-2 at 0 s, 3-5 at 2 s; at 4 s the budget of 3 s is spent: 6-9 go back to the next poll.
    assertThat(chunks).containsExactly(List.of("k0", "k1", "k2"), List.of("k3", "k4", "k5"));
    assertThat(published).containsExactly("k0", "k1", "k2", "k3", "k4", "k5");
    assertThat(acknowledgment.nacks).containsExactly(new Nack(6, Duration.ZERO));
  }

  @Test
  void batchWithinItsBudgetIsHandledWhole() {
    runner(3).run(records(7), null, acknowledgment, chunk -> () -> published.addAll(keys(chunk)));

    assertThat(published).hasSize(7);
    assertThat(acknowledgment.nacks).isEmpty();
  }

  @Test
  void recordThatKeepsFailingIsRetriedThenDeadLetteredAloneWhileItsNeighboursAreHandled() {
    List<ConsumerRecord<String, String>> batch = records(5);
    BatchRunner runner = runner(5);
    BatchRunner.ChunkHandler<String> handler =
        chunk -> {
          if (keys(chunk).contains("k2")) {
            throw new IllegalStateException("k2 breaks something");
          }
          return () -> published.addAll(keys(chunk));
        };

    // Delivery 1: the chunk fails, one by one k0 and k1 go through, k2 fails and comes back.
    runner.run(batch, null, acknowledgment, handler);
    assertThat(published).containsExactly("k0", "k1");
    assertThat(acknowledgment.nacks).containsExactly(new Nack(2, RECORD_BACKOFF));

    // Deliveries 2 and 3 start at k2, as the container seeks after the nack.
    runner.run(batch.subList(2, 5), null, acknowledgment, handler);
    assertThat(deadLetters).isEmpty();
    runner.run(batch.subList(2, 5), null, acknowledgment, handler);

    assertThat(deadLetters).singleElement().satisfies(letter -> letter.record().key().equals("k2"));
    assertThat(deadLetters.get(0).reason()).hasMessage("k2 breaks something");
    assertThat(published).containsExactly("k0", "k1", "k3", "k4");
    assertThat(acknowledgment.nacks)
        .containsExactly(new Nack(2, RECORD_BACKOFF), new Nack(0, RECORD_BACKOFF));
  }

  @Test
  void permanentFailureIsDeadLetteredAtOnceWithoutRetry() {
    runner(4)
        .run(
            records(4),
            null,
            acknowledgment,
            chunk -> {
              if (keys(chunk).contains("k1")) {
                throw new DuplicateKeyException("k1 exists under another spelling");
              }
              return () -> published.addAll(keys(chunk));
            });

    assertThat(deadLetters).singleElement().satisfies(letter -> letter.record().key().equals("k1"));
    assertThat(published).containsExactly("k0", "k2", "k3");
    assertThat(acknowledgment.nacks).isEmpty();
  }

  @Test
  void infrastructureAwayFailsTheWholeBatchAndIsNeverDeadLettered() {
    for (RuntimeException away :
        List.of(
            new DataAccessResourceFailureException("database away"),
            new SchemaRegistryUnavailableException("registry away", null))) {
      assertThatThrownBy(
              () ->
                  runner(2)
                      .run(
                          records(4),
                          null,
                          acknowledgment,
                          chunk -> {
                            if (keys(chunk).contains("k3")) {
                              throw away;
                            }
                            return () -> published.addAll(keys(chunk));
                          }))
          .isSameAs(away);
    }
    assertThat(deadLetters).isEmpty();
    assertThat(acknowledgment.nacks).isEmpty();
  }

  private static List<ConsumerRecord<String, String>> records(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new ConsumerRecord<>("topic", 0, 100L + i, "k" + i, "v" + i))
        .toList();
  }

  private static List<String> keys(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::key).toList();
  }

  private record Nack(int index, Duration sleep) {}

  private static final class RecordingAcknowledgment implements Acknowledgment {
    final List<Nack> nacks = new ArrayList<>();

    @Override
    public void acknowledge() {}

    @Override
    public void nack(int index, Duration sleep) {
      nacks.add(new Nack(index, sleep));
    }
  }

  private static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
