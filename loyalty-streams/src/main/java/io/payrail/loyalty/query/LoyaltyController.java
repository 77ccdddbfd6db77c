package io.payrail.loyalty.query;

import io.payrail.loyalty.points.LoyaltyProgramProperties;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.routing.ForwardedResponse;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalRead;
import io.payrail.routing.LocalStoreReader;
import io.payrail.routing.RequestForwarder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /v1/customers/{customerId}/loyalty}: the balance from the store of the instance that
 * owns the customer, read here or forwarded there once. Unknown customers are 404, and anything
 * that a rebalance explains (no owner yet, store restoring, owner unreachable) is 503 with
 * Retry-After, as RFC 9457 problem details.
 */
@RestController
class LoyaltyController {

  static final String PATH = "/v1/customers/{customerId}/loyalty";

  private static final URI UNKNOWN_CUSTOMER =
      URI.create("https://payrail.io/problems/unknown-customer");
  private static final URI REBALANCING = URI.create("https://payrail.io/problems/rebalancing");

  private final Function<String, KeyOwner> owners;
  private final LocalStoreReader<String, CustomerLoyalty> balances;
  private final RequestForwarder forwarder;
  private final Duration forwardTimeout;
  private final String tierCurrency;
  private final String retryAfterSeconds;

  @Autowired
  LoyaltyController(
      KeyRouter<String> router,
      LocalStoreReader<String, CustomerLoyalty> balances,
      RequestForwarder forwarder,
      LoyaltyProgramProperties program,
      LoyaltyQueryProperties query) {
    this(router::ownerOf, balances, forwarder, program, query);
  }

  /**
   * @param owners which instance owns a customer's partition ({@link KeyRouter#ownerOf})
   */
  LoyaltyController(
      Function<String, KeyOwner> owners,
      LocalStoreReader<String, CustomerLoyalty> balances,
      RequestForwarder forwarder,
      LoyaltyProgramProperties program,
      LoyaltyQueryProperties query) {
    this.owners = owners;
    this.balances = balances;
    this.forwarder = forwarder;
    this.forwardTimeout = query.forwardTimeout();
    this.tierCurrency = program.rules().referenceCurrency();
    this.retryAfterSeconds = Long.toString(Math.max(1, query.retryAfter().toSeconds()));
  }

  @GetMapping(PATH)
  ResponseEntity<?> balance(
      @PathVariable String customerId,
      @RequestHeader(name = RequestForwarder.FORWARDED_HEADER, required = false)
          String forwardedBy) {
    KeyOwner owner = owners.apply(customerId);
    if (owner instanceof KeyOwner.Local here) {
      LocalRead<CustomerLoyalty> read = balances.read(customerId, here.partition());
      if (read instanceof LocalRead.Value<CustomerLoyalty> answered) {
        return answered
            .value()
            .<ResponseEntity<?>>map(
                balance -> ResponseEntity.ok(BalanceView.of(balance, tierCurrency)))
            .orElseGet(() -> unknown(customerId));
      }
      return unavailable(((LocalRead.NotReady<CustomerLoyalty>) read).reason());
    }
    if (owner instanceof KeyOwner.Remote remote) {
      if (forwardedBy != null) {
        // Metadata is moving under us: answer "retry" rather than bounce the request around.
        return unavailable("forwarded by " + forwardedBy + " but owned by " + remote.host());
      }
      return forward(remote.host(), customerId);
    }
    return unavailable(((KeyOwner.Unavailable) owner).reason());
  }

  private ResponseEntity<?> forward(HostInfo owner, String customerId) {
    String path =
        "/v1/customers/"
            + UriUtils.encodePathSegment(customerId, StandardCharsets.UTF_8)
            + "/loyalty";
    ForwardedResponse forwarded;
    try {
      forwarded = forwarder.get(owner, path, Map.of(), forwardTimeout).get();
    } catch (ExecutionException e) {
      return unavailable("owner " + owner + " did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("interrupted while asking " + owner);
    }
    HttpHeaders headers = new HttpHeaders();
    forwarded.headers().forEach(headers::set);
    return ResponseEntity.status(forwarded.status()).headers(headers).body(forwarded.body());
  }

  private static ResponseEntity<?> unknown(String customerId) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND, "No loyalty balance for customer " + customerId);
    problem.setType(UNKNOWN_CUSTOMER);
    problem.setTitle("Unknown customer");
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private ResponseEntity<?> unavailable(String reason) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "Balances are moving between instances: " + reason);
    problem.setType(REBALANCING);
    problem.setTitle("Balance store rebalancing");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
