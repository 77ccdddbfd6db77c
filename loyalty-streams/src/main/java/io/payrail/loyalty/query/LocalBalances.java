package io.payrail.loyalty.query;

import io.payrail.loyalty.points.CustomerLoyalty;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

/** Reads one customer from this instance's active partition of the balance store. */
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
    // requireActive: a standby may lag behind; the owner answers or nobody does.
    StateQueryRequest<CustomerLoyalty> request =
        StateQueryRequest.inStore(storeName)
            .withQuery(KeyQuery.<String, CustomerLoyalty>withKey(customerId))
            .withPartitions(Set.of(partition))
            .requireActive();
    StateQueryResult<CustomerLoyalty> result;
    try {
      result = streams.get().query(request);
    } catch (StreamsException | IllegalStateException e) {
      return new Read.NotReady("store not queryable: " + e.getClass().getSimpleName());
    }
    QueryResult<CustomerLoyalty> partitionResult = result.getPartitionResults().get(partition);
    if (partitionResult == null) {
      return new Read.NotReady("partition " + partition + " not here");
    }
    if (partitionResult.isFailure()) {
      return new Read.NotReady(
          "partition " + partition + ": " + partitionResult.getFailureReason());
    }
    return new Read.Answered(Optional.ofNullable(partitionResult.getResult()));
  }
}
