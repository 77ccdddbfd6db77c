package io.payrail.ingest.coupon;

import io.payrail.events.CouponDefined;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.status.EndOffsets;
import io.payrail.ingest.status.GlobalStoreReader;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.keys.CouponKey;
import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a coupon from the global {@link CouponTopology#STORE} with read-your-writes: a coupon is
 * never changed once defined, so a coupon found is the answer; before answering "no such coupon",
 * the view catches up with the key's partition of {@code coupons} up to its end offset, so a 201
 * sent by any instance is found by the next request on any other.
 */
public final class CouponView {

  private static final Logger log = LoggerFactory.getLogger(CouponView.class);
  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final GlobalStoreReader store;
  private final ProcessedOffsets progress;
  private final Deserializer<CouponDefined> coupons;
  private final EndOffsets endOffsets;
  private final Admin admin;
  private final Duration readYourWritesWait;
  private volatile int partitions;

  CouponView(
      Supplier<KafkaStreams> streams,
      ProcessedOffsets progress,
      Deserializer<CouponDefined> coupons,
      EndOffsets endOffsets,
      Admin admin,
      Duration readYourWritesWait) {
    this.store = new GlobalStoreReader(streams, CouponTopology.STORE, "coupons");
    this.progress = progress;
    this.coupons = coupons;
    this.endOffsets = endOffsets;
    this.admin = admin;
    this.readYourWritesWait = readYourWritesWait;
  }

  /**
   * The merchant's coupon with this (upper-case) code, as first defined; empty when the merchant
   * has none by that code (another merchant's coupon is not found).
   *
   * @throws ProblemException 503 while the view cannot tell (not started, Kafka or the registry
   *     away)
   */
  public Optional<CouponDefined> find(String merchantId, String code) {
    String key = CouponKey.of(merchantId, code);
    Optional<byte[]> now = read(key);
    if (now.isEmpty()) {
      Position bound =
          endOffsets.writtenSoFar(Topics.COUPONS.name(), partitionOf(key), readYourWritesWait);
      now = readOnce(key, bound);
    }
    return now.flatMap(bytes -> decode(key, bytes));
  }

  /** The key's value once the store has processed {@code bound}, waiting at most the wait. */
  private Optional<byte[]> readOnce(String key, Position bound) {
    long deadline = System.nanoTime() + readYourWritesWait.toNanos();
    while (true) {
      boolean caughtUp = progress.reached(bound);
      Optional<byte[]> value = read(key);
      if (caughtUp || value.isPresent()) {
        return value;
      }
      if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
        throw ProblemException.unavailable("The coupons view is catching up");
      }
      // Catching up takes a poll cycle or two; a short pause keeps this off the CPU meanwhile.
      LockSupport.parkNanos(RETRY_PAUSE_NANOS);
    }
  }

  private Optional<byte[]> read(String key) {
    return store.get(key);
  }

  private Optional<CouponDefined> decode(String key, byte[] bytes) {
    try {
      return Optional.of(coupons.deserialize(Topics.COUPONS.name(), bytes));
    } catch (RuntimeException e) {
      if (SchemaRegistryUnavailableException.isCause(e)) {
        throw ProblemException.unavailable("The coupon cannot be read right now");
      }
      // Not written by the facade (it publishes checked coupons only): the key has no usable
      // coupon. The bytes are not logged: they may hold anything.
      log.warn("Coupon {} in the store cannot be read: {}", key, e.getClass().getName());
      return Optional.empty();
    }
  }

  /** The key's partition as the producer's default partitioner picks it. */
  private int partitionOf(String key) {
    return KeyRouter.partition(key.getBytes(StandardCharsets.UTF_8), partitionCount());
  }

  private int partitionCount() {
    int known = partitions;
    if (known > 0) {
      return known;
    }
    try {
      known =
          admin
              .describeTopics(List.of(Topics.COUPONS.name()))
              .allTopicNames()
              .get(readYourWritesWait.toMillis(), TimeUnit.MILLISECONDS)
              .get(Topics.COUPONS.name())
              .partitions()
              .size();
    } catch (ExecutionException | TimeoutException e) {
      throw ProblemException.unavailable("Kafka did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("Interrupted");
    }
    // A topic's partition count only grows with an operator's change, which moves keys anyway.
    partitions = known;
    return known;
  }
}
