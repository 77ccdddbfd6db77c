package io.payrail.routing;

import org.apache.kafka.streams.state.HostInfo;

/** Which instance holds a key's partition of a Kafka Streams store. */
public sealed interface KeyOwner {

  /** The partition is active on this instance: read the local store. */
  record Local(int partition) implements KeyOwner {}

  /** The partition is active on another instance: forward the request there. */
  record Remote(HostInfo host, int partition) implements KeyOwner {}

  /** Nobody can answer now (starting, rebalancing, store unknown): retry later. */
  record Unavailable(String reason) implements KeyOwner {}
}
