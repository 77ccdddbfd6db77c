package io.payrail.refund.intake;

import io.payrail.listener.Rejected;
import java.util.List;

/**
 * A polled batch sorted by {@link RefundIntake}.
 *
 * @param accepted requests to decide, in the batch's order
 * @param rejected records for the dead-letter topic
 */
public record Intake(List<RefundRequest> accepted, List<Rejected> rejected) {}
