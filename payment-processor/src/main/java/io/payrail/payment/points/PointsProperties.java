package io.payrail.payment.points;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.points.*}; defaults in application.yml.
 *
 * @param awaitingScanInterval how often the payments awaiting their points are counted for the
 *     {@code payrail.points.awaiting} gauge (one indexed COUNT a scan, not one a scrape)
 */
@ConfigurationProperties("payrail.points")
public record PointsProperties(Duration awaitingScanInterval) {}
