package io.payrail.ingest.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The per-instance guard of recent order submissions ({@code payrail.ingest.idempotency}), which
 * answers replays and conflicts that arrive before the status view has caught up.
 *
 * @param window how long an accepted orderId is remembered; well above the view's lag
 * @param maxEntries at most this many orderIds are remembered (the oldest go first), which bounds
 *     memory (about 300 bytes each) when the window holds more orders than that
 * @param inFlightWait how long a concurrent submission of the same orderId waits for the first
 *     one's acknowledgement before answering 503; above producer max.block.ms + publish ack-timeout
 */
@ConfigurationProperties("payrail.ingest.idempotency")
public record IdempotencyProperties(Duration window, int maxEntries, Duration inFlightWait) {}
