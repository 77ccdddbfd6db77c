package io.payrail.loyalty.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Key routing from the Streams metadata every instance gets through the group protocol (each one
 * advertises its {@code application.server}): partitions instead of a service registry. Forwards
 * over plain HTTP with the JDK client.
 */
public final class StreamsKeyRouting implements KeyRouting {

  private static final Set<String> PASSED_ON_HEADERS = Set.of("content-type", "retry-after");

  private final Supplier<KafkaStreams> streams;
  private final String storeName;
  private final Serializer<String> keySerializer;
  private final HostInfo self;
  private final HttpClient client;
  private final Duration forwardTimeout;

  /**
   * @param streams the running application that materializes the store
   * @param storeName the queryable store
   * @param keySerializer the serializer the store's input is partitioned with
   * @param self this instance's {@code application.server}
   * @param client the HTTP client (its connect timeout bounds unreachable owners)
   * @param forwardTimeout how long the owner may take to answer
   */
  public StreamsKeyRouting(
      Supplier<KafkaStreams> streams,
      String storeName,
      Serializer<String> keySerializer,
      HostInfo self,
      HttpClient client,
      Duration forwardTimeout) {
    this.streams = streams;
    this.storeName = storeName;
    this.keySerializer = keySerializer;
    this.self = self;
    this.client = client;
    this.forwardTimeout = forwardTimeout;
  }

  @Override
  public Route route(String customerId) {
    KafkaStreams running = streams.get();
    if (running.state() != KafkaStreams.State.RUNNING) {
      return new Route.Unavailable("streams are " + running.state());
    }
    KeyQueryMetadata metadata;
    try {
      metadata = running.queryMetadataForKey(storeName, customerId, keySerializer);
    } catch (StreamsNotStartedException | IllegalStateException e) {
      return new Route.Unavailable("streams metadata not available");
    }
    if (metadata == null
        || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
        || metadata.activeHost() == null
        || metadata.activeHost().port() < 0) {
      return new Route.Unavailable("no active owner for the key's partition");
    }
    return self.equals(metadata.activeHost())
        ? new Route.Local(metadata.partition())
        : new Route.Remote(metadata.activeHost());
  }

  @Override
  public Forwarded forward(HostInfo owner, String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery))
            .timeout(forwardTimeout)
            .header(FORWARDED_HEADER, self.host() + ":" + self.port())
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ForwardingException("owner " + owner + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForwardingException("interrupted while asking " + owner, e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (PASSED_ON_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                headers.put(name, values.get(0));
              }
            });
    return new Forwarded(response.statusCode(), headers, response.body());
  }
}
