package io.payrail.ingest.order;

import io.payrail.ingest.status.OrderState;
import java.time.Instant;

/** The 202 body of an accepted order; an idempotent replay answers the same. */
public record OrderAccepted(String orderId, OrderState status, Instant placedAt) {}
