package io.payrail.refund.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the refund processor calls the acquirer.
 *
 * @param concurrency refunds in flight at once: at least the chunk size, so that a chunk whose
 *     answers all time out still takes one client timeout, well inside the transaction timeout
 */
@ConfigurationProperties("payrail.gateway")
public record RefundGatewayProperties(@DefaultValue("10") int concurrency) {}
