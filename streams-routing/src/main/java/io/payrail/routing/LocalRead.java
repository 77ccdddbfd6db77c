package io.payrail.routing;

import java.util.Optional;

/** The outcome of reading a key from this instance's part of a store. */
public sealed interface LocalRead<V> {

  /** The store has processed up to the bound; the key's value, if any. */
  record Value<V>(Optional<V> value) implements LocalRead<V> {}

  /** The store is not up to the bound yet, or the partition is not (or no longer) here. */
  record NotReady<V>(String reason) implements LocalRead<V> {}
}
