package io.payrail.payment.points;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.points.*}; defaults in application.yml.
 *
 * @param awaitingScanInterval how often the payments awaiting their points are counted for the
 *     {@code payrail.points.awaiting} gauge (one indexed COUNT a scan, not one a scrape), and
 *     looked at for the answer timeout
 * @param answerTimeout how long an approved payment may wait for loyalty-streams' answer; then it
 *     is answered REFUSED {@code answer_timeout} and declined {@code points_unavailable}
 * @param timeoutBatch at most this many timed-out answers published per scan
 */
@ConfigurationProperties("payrail.points")
public record PointsProperties(
    Duration awaitingScanInterval, Duration answerTimeout, int timeoutBatch) {}
