package io.payrail.launcher.bench;

/**
 * One window of a phase: what was counted in it and the rate.
 *
 * @param startSeconds when it began, from the phase's start
 * @param seconds how long it lasted
 * @param count units counted in it (orders, records, requests)
 * @param rate {@code count / seconds}
 * @param measured whether it belongs to the measurement (false: warm-up)
 */
public record Window(
    double startSeconds, double seconds, long count, double rate, boolean measured) {}
