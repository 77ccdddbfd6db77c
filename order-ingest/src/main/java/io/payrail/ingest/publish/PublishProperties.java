package io.payrail.ingest.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ackTimeout how long a request waits for the broker's acknowledgement before answering 503;
 *     keep it at or below the producer's delivery.timeout.ms
 * @param retryAfter what the Retry-After header of that 503 says
 */
@ConfigurationProperties("payrail.ingest.publish")
public record PublishProperties(Duration ackTimeout, Duration retryAfter) {}
