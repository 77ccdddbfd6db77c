package io.payrail.ingest.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API keys of the merchants, as {@code merchantId:sha256-hex-of-key} entries ({@code
 * payrail.ingest.merchants}, env {@code PAYRAIL_INGEST_MERCHANTS}, comma-separated). A merchant may
 * have several entries, to rotate keys. Keys are never configured in plain text.
 *
 * @param merchants the entries
 * @param developmentKey the documented key of local runs; announced at start-up only while its hash
 *     is one of the configured entries
 * @param allowDevelopmentKey whether the facade may start while the development key's hash is
 *     configured (local runs and demos only)
 */
@ConfigurationProperties("payrail.ingest")
public record MerchantProperties(
    List<String> merchants, String developmentKey, boolean allowDevelopmentKey) {

  public MerchantProperties {
    merchants = merchants == null ? List.of() : List.copyOf(merchants);
  }
}
