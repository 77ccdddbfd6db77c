package io.payrail.ingest.status;

/** Told of every new status the view stores, on the stream thread: must return quickly. */
@FunctionalInterface
public interface StatusListener {
  /**
   * @param key the store's key of the row, {@code merchantId/orderId}
   */
  void updated(String key, OrderStatus status);
}
