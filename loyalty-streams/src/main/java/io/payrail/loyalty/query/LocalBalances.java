package io.payrail.loyalty.query;

import io.payrail.loyalty.points.CustomerLoyalty;
import io.payrail.routing.LocalRead;
import io.payrail.routing.LocalStoreReader;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Reads one customer from this instance's active partition of the balance store, through the shared
 * {@link LocalStoreReader} (the same code the order status view reads with).
 */
public final class LocalBalances {

  /** The outcome of a local read. */
  public sealed interface Read {

    /** The partition answered; empty for a customer it has never seen. */
    record Answered(Optional<CustomerLoyalty> balance) implements Read {}

    /** The partition is not active here (any more) or is restoring. */
    record NotReady(String reason) implements Read {}
  }

  private final Supplier<KafkaStreams> streams;
  private final String storeName;

  public LocalBalances(Supplier<KafkaStreams> streams, String storeName) {
    this.streams = streams;
    this.storeName = storeName;
  }

  public Read read(String customerId, int partition) {
    LocalRead<CustomerLoyalty> read =
        new LocalStoreReader<String, CustomerLoyalty>(streams.get(), storeName)
            .read(customerId, partition);
    if (read instanceof LocalRead.Value<CustomerLoyalty> value) {
      return new Read.Answered(value.value());
    }
    return new Read.NotReady(((LocalRead.NotReady<CustomerLoyalty>) read).reason());
  }
}
