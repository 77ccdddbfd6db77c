package io.payrail.ingest.verification;

import io.payrail.events.VerificationStatus;
import java.time.Instant;

/**
 * What a verification provider says about one of its cases. Never a name or document number.
 *
 * @param level the provider's level of assurance, or null
 * @param verifiedAt when it verified the customer, or null
 * @param expiresAt when the verification stops being valid, or null
 */
public record ProviderResult(
    VerificationStatus status, String level, Instant verifiedAt, Instant expiresAt) {}
