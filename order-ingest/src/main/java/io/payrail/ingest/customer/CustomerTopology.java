package io.payrail.ingest.customer;

import io.payrail.events.CustomerRegistered;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.store.StoreValueSerde;
import io.payrail.schemas.topics.Topics;
import io.payrail.streams.deadletter.Intake;
import io.payrail.streams.deadletter.Outcome;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The facade's view of members, added to the status view's application: registered customers by
 * {@code merchantId/customerId} and every customer's loyalty balance.
 *
 * <pre>
 * customers ─ decode ─┬─ unreadable ─ note offset (dropped: loyalty-streams dead-letters it)
 *                     └─ first registration of the key wins ─▶ customer-profiles ─ note offset
 * loyalty-balances ─ global copy (raw bytes) ─▶ customer-balances
 * </pre>
 */
public final class CustomerTopology {

  /** merchantId/customerId → the first {@link CustomerRegistered} of the key. */
  public static final String PROFILE_STORE = "customer-profiles";

  /** merchantId/customerId → the latest {@code LoyaltyBalance}, in its topic's wire format. */
  public static final String BALANCE_STORE = "customer-balances";

  private CustomerTopology() {}

  /**
   * Profiles are partitioned as the customers topic, so a profile is read on the instance that owns
   * its key (routed like an order's status). The first registration of a key is kept, as
   * loyalty-streams keeps the first balance it opened: a conflicting registration that reached the
   * topic changes no reader's view. Balances are a global table: every instance holds them all, so
   * a profile's owner answers with the balance without a second hop, whatever partition the
   * balance's key falls in. They are kept as bytes and decoded when read, so the global thread
   * never needs the schema registry.
   */
  public static void profiles(
      StreamsBuilder builder, TopicSerdes serdes, ProcessedOffsets processed) {
    Serde<Outcome<CustomerRegistered>> registrations =
        Intake.serde(
            serdes.valueSerde(Topics.CUSTOMERS), (value, original) -> new Outcome.Ok<>(value));
    Map<String, KStream<String, Outcome<CustomerRegistered>>> read =
        builder.stream(
                Topics.CUSTOMERS.name(),
                Consumed.with(serdes.keySerde(Topics.CUSTOMERS), registrations)
                    .withName("customers"))
            .split(Named.as("customer-"))
            .branch(
                (key, registration) -> key != null && !registration.isDeadLetter(),
                Branched.as("readable"))
            .defaultBranch(Branched.as("unreadable"));
    // Read-your-writes waits until every offset of the partition up to its end was processed, so an
    // unreadable record's offset is noted too.
    read.get("customer-unreadable")
        .processValues(processed.recorder(), Named.as("customer-note-unreadable"));
    KStream<String, CustomerRegistered> profiles =
        read.get("customer-readable")
            .mapValues(
                registration -> ((Outcome.Ok<CustomerRegistered>) registration).value(),
                Named.as("customer-value"))
            .groupByKey()
            .reduce(
                (first, later) -> first,
                Materialized.<String, CustomerRegistered, KeyValueStore<Bytes, byte[]>>as(
                        PROFILE_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(storedProfiles())
                    .withCachingDisabled())
            .toStream(Named.as("customer-profiles-updated"));
    profiles.processValues(processed.recorder(), Named.as("customer-note-profile"));

    builder.globalTable(
        Topics.LOYALTY_BALANCES.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("loyalty-balances"),
        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(BALANCE_STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.ByteArray()));
  }

  /** Profiles in the store: the contract's record in Avro's single-object encoding. */
  static Serde<CustomerRegistered> storedProfiles() {
    return new StoreValueSerde<>(
        "customer profile",
        CustomerRegistered.getEncoder(),
        CustomerRegistered.getDecoder(),
        Function.identity(),
        Function.identity(),
        bytes -> {
          throw new SerializationException("a customer profile has no earlier encoding");
        });
  }
}
