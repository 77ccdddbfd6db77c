package io.payrail.ingest.status;

import io.payrail.ingest.status.store.StoredOpenReview;
import io.payrail.ingest.status.store.StoredOpenReviewReason;
import io.payrail.schemas.store.StoreValueSerde;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the open-reviews index ({@link #STORE}) in step with the status store: an order is in it
 * while it is IN_REVIEW without a decision, under {@code merchantId|heldAt|orderId} (heldAt in
 * epoch millis, zero-padded to 15 digits), so a range scan of one merchant's prefix returns its
 * open reviews oldest first. Runs on every update of the status store, in the same task (same key,
 * same partition): an order's entry is added when it becomes IN_REVIEW and removed when it is
 * decided or gets a final payment. The key is derived from the row alone (heldAt is the row's first
 * IN_REVIEW), so a replay after a crash writes the same entries.
 */
final class OpenReviewIndex implements FixedKeyProcessor<String, OrderStatus, Void> {

  /** The queryable store of {@link OpenReview}s by {@link #key}. */
  static final String STORE = "open-reviews";

  private static final char SEPARATOR = '|';

  /** After every digit: the end of a merchant's range. */
  private static final char AFTER_DIGITS = '~';

  private KeyValueStore<String, OpenReview> index;

  @Override
  public void init(FixedKeyProcessorContext<String, Void> context) {
    index = context.getStateStore(STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, OrderStatus> record) {
    OrderStatus status = record.value();
    Instant heldAt = status == null ? null : status.heldAt();
    if (heldAt == null || status.merchantId() == null || status.orderId() == null) {
      return;
    }
    String key = key(status.merchantId(), heldAt, status.orderId());
    OpenReview stored = index.get(key);
    if (status.reviewOpen()) {
      OpenReview entry = OpenReview.of(status);
      if (!entry.equals(stored)) {
        index.put(key, entry);
      }
    } else if (stored != null) {
      index.delete(key);
    }
  }

  /** Where an open review is indexed. ids never hold the separator (the contract's id rule). */
  static String key(String merchantId, Instant heldAt, String orderId) {
    return merchantId + SEPARATOR + position(heldAt, orderId);
  }

  /** The part of a key after the merchant. */
  private static String position(Instant heldAt, String orderId) {
    return String.format("%015d", Math.max(0, heldAt.toEpochMilli())) + SEPARATOR + orderId;
  }

  /** The first key of a merchant's range. */
  static String first(String merchantId) {
    return merchantId + SEPARATOR;
  }

  /** The last key of a merchant's range: every key of it sorts before. */
  static String last(String merchantId) {
    return merchantId + SEPARATOR + AFTER_DIGITS;
  }

  /** The index's values: {@code StoredOpenReview.avsc}, Avro single-object encoding. */
  static Serde<OpenReview> serde() {
    return new StoreValueSerde<>(
        "OpenReview",
        StoredOpenReview.getEncoder(),
        StoredOpenReview.getDecoder(),
        OpenReviewIndex::stored,
        OpenReviewIndex::review,
        bytes -> {
          throw new SerializationException("cannot read OpenReview: not an Avro single object");
        });
  }

  private static StoredOpenReview stored(OpenReview review) {
    return new StoredOpenReview(
        review.orderId(),
        review.customerId(),
        review.amountMinor(),
        review.currency(),
        review.score(),
        review.reasons().stream()
            .map(r -> new StoredOpenReviewReason(r.rule(), r.contribution(), r.detail()))
            .toList(),
        review.heldAt());
  }

  private static OpenReview review(StoredOpenReview stored) {
    List<OrderStatus.Reason> reasons =
        stored.getReasons() == null
            ? List.of()
            : stored.getReasons().stream()
                .map(r -> new OrderStatus.Reason(r.getRule(), r.getContribution(), r.getDetail()))
                .toList();
    return new OpenReview(
        stored.getOrderId(),
        stored.getCustomerId(),
        stored.getAmountMinor(),
        stored.getCurrency(),
        stored.getScore(),
        reasons,
        stored.getHeldAt());
  }
}
