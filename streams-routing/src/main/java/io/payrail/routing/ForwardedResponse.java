package io.payrail.routing;

import java.util.Map;

/**
 * What the owning instance answered, to pass on unchanged.
 *
 * @param status its HTTP status
 * @param headers the end-to-end headers worth passing on (content type, caching, Retry-After…)
 * @param body its body bytes
 */
public record ForwardedResponse(int status, Map<String, String> headers, byte[] body) {}
