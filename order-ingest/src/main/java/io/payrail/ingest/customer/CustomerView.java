package io.payrail.ingest.customer;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.LoyaltyBalance;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.status.EndOffsets;
import io.payrail.ingest.status.GlobalStoreReader;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalRead;
import io.payrail.routing.LocalStoreReader;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Reads this instance's part of the members view: a profile from the local partition of {@link
 * CustomerTopology#PROFILE_STORE} with read-your-writes (before answering "no such customer", the
 * view catches up with the key's partition of {@code customers} up to its end offset, so a 201 sent
 * by any instance is found by the next request), and a balance from the global {@link
 * CustomerTopology#BALANCE_STORE}.
 */
public final class CustomerView {

  private final KeyRouter<String> router;
  private final LocalStoreReader<String, CustomerRegistered> profiles;
  private final GlobalStoreReader balanceStore;
  private final Deserializer<LoyaltyBalance> balances;
  private final EndOffsets endOffsets;
  private final Duration readYourWritesWait;
  private final Duration forwardTimeout;

  CustomerView(
      KeyRouter<String> router,
      LocalStoreReader<String, CustomerRegistered> profiles,
      Supplier<KafkaStreams> streams,
      Deserializer<LoyaltyBalance> balances,
      EndOffsets endOffsets,
      Duration readYourWritesWait,
      Duration forwardTimeout) {
    this.router = router;
    this.profiles = profiles;
    this.balanceStore = new GlobalStoreReader(streams, CustomerTopology.BALANCE_STORE, "balances");
    this.balances = balances;
    this.endOffsets = endOffsets;
    this.readYourWritesWait = readYourWritesWait;
    this.forwardTimeout = forwardTimeout;
  }

  KeyOwner ownerOf(CustomerKey key) {
    return router.ownerOf(key.encoded());
  }

  Duration forwardTimeout() {
    return forwardTimeout;
  }

  /** The customer's first registration, from the local partition, up to date with the topic. */
  Optional<CustomerRegistered> readLocal(CustomerKey key, int partition) {
    String storeKey = key.encoded();
    if (profiles.read(storeKey, partition) instanceof LocalRead.Value<CustomerRegistered> value
        && value.value().isPresent()) {
      return value.value();
    }
    LocalRead<CustomerRegistered> read =
        profiles.read(
            storeKey,
            partition,
            endOffsets.writtenSoFar(Topics.CUSTOMERS.name(), partition, readYourWritesWait),
            readYourWritesWait);
    if (read instanceof LocalRead.Value<CustomerRegistered> value) {
      return value.value();
    }
    throw ProblemException.unavailable("The members view is catching up");
  }

  /**
   * The customer's balance as loyalty-streams last published it; empty before loyalty opened it.
   * Balances are keyed {@code merchantId/customerId}, as profiles: another merchant's customer with
   * the same id has another balance.
   */
  Optional<LoyaltyBalance> balance(CustomerKey key) {
    Optional<byte[]> bytes = balanceStore.get(key.encoded());
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(balances.deserialize(Topics.LOYALTY_BALANCES.name(), bytes.get()));
    } catch (RuntimeException unreadable) {
      // The registry away (or bytes loyalty-streams never wrote): the client retries.
      throw ProblemException.unavailable("The customer's balance cannot be read right now");
    }
  }
}
