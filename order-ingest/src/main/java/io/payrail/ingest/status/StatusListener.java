package io.payrail.ingest.status;

/** Told of every new status the view stores, on the stream thread: must return quickly. */
@FunctionalInterface
public interface StatusListener {
  void updated(String orderId, OrderStatus status);
}
