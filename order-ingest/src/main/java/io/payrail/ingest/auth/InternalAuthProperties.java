package io.payrail.ingest.auth;

import io.payrail.routing.InternalRequestAuth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How facade instances authenticate the requests they forward to each other ({@code
 * payrail.ingest.internal.*}). Without a secret the facade does not start: an instance that cannot
 * tell its peers from clients must not serve.
 *
 * @param secret shared by every instance (env {@code PAYRAIL_INTERNAL_SECRET}), at least {@value
 *     InternalRequestAuth#MIN_SECRET_BYTES} bytes; `./payrail run` makes a random one per run
 * @param maxSkew how old (or how far ahead) a forwarded request's signature may be
 * @param acceptUnsigned for one rolling update from a version that did not sign: also take an
 *     unsigned {@code Payrail-Forwarded-By} as a forward (docs/operations.md, "Migrating an
 *     existing deployment"); it trusts what any client sends, so never leave it on
 */
@ConfigurationProperties("payrail.ingest.internal")
public record InternalAuthProperties(String secret, Duration maxSkew, boolean acceptUnsigned) {

  public InternalAuthProperties {
    if (secret == null
        || secret.getBytes(StandardCharsets.UTF_8).length < InternalRequestAuth.MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "Set PAYRAIL_INTERNAL_SECRET (payrail.ingest.internal.secret) to a random value of at"
              + " least "
              + InternalRequestAuth.MIN_SECRET_BYTES
              + " bytes, the same on every order-ingest instance (e.g. `openssl rand -base64 32`)");
    }
  }

  /** The secret's bytes, as the signer takes them. */
  public byte[] secretBytes() {
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "InternalAuthProperties[secret=<hidden>, maxSkew="
        + maxSkew
        + ", acceptUnsigned="
        + acceptUnsigned
        + "]";
  }
}
