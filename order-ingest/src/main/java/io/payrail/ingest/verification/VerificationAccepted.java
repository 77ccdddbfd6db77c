package io.payrail.ingest.verification;

import java.time.Instant;

/**
 * The 202 body of a verification: what was recorded for the customer. risk-streams reads it for the
 * customer's next orders.
 */
public record VerificationAccepted(
    String customerId,
    String status,
    String level,
    String providerReference,
    Instant verifiedAt,
    Instant expiresAt) {}
