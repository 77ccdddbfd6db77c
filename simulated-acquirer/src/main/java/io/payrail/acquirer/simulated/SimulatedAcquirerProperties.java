package io.payrail.acquirer.simulated;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code payrail.gateway.simulated.*}: how the simulated acquirer behaves. The services that use it
 * set these in their application.yml; the defaults here apply where they do not.
 *
 * @param latency added to every answer (per batch on the batch call)
 * @param lostAnswerAfter how long a call whose answer is lost takes before the client gives up: the
 *     client's own timeout
 * @param faultCheckInterval how long this process uses one reading of the acquirer's fault switch
 *     ({@link AcquirerFaults}) before it reads it again
 */
@ConfigurationProperties("payrail.gateway.simulated")
public record SimulatedAcquirerProperties(
    @DefaultValue("2ms") Duration latency,
    @DefaultValue("2s") Duration lostAnswerAfter,
    @DefaultValue("1s") Duration faultCheckInterval) {}
