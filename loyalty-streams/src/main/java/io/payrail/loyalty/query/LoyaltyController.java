package io.payrail.loyalty.query;

import io.payrail.loyalty.points.LoyaltyProgramProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

  private final KeyRouting routing;
  private final LocalBalances local;
  private final String tierCurrency;
  private final String retryAfterSeconds;

  LoyaltyController(
      KeyRouting routing,
      LocalBalances local,
      LoyaltyProgramProperties program,
      LoyaltyQueryProperties query) {
    this.routing = routing;
    this.local = local;
    this.tierCurrency = program.referenceCurrency();
    this.retryAfterSeconds = Long.toString(Math.max(1, query.retryAfter().toSeconds()));
  }

  @GetMapping(PATH)
  ResponseEntity<?> balance(
      @PathVariable String customerId,
      @RequestHeader(name = KeyRouting.FORWARDED_HEADER, required = false) String forwardedBy) {
    KeyRouting.Route route = routing.route(customerId);
    if (route instanceof KeyRouting.Route.Local here) {
      LocalBalances.Read read = local.read(customerId, here.partition());
      if (read instanceof LocalBalances.Read.Answered answered) {
        return answered
            .balance()
            .<ResponseEntity<?>>map(
                balance -> ResponseEntity.ok(BalanceView.of(balance, tierCurrency)))
            .orElseGet(() -> unknown(customerId));
      }
      return unavailable(((LocalBalances.Read.NotReady) read).reason());
    }
    if (route instanceof KeyRouting.Route.Remote remote) {
      if (forwardedBy != null) {
        // Metadata is moving under us: answer "retry" rather than bounce the request around.
        return unavailable("forwarded by " + forwardedBy + " but owned by " + remote.owner());
      }
      try {
        return passOn(
            routing.forward(
                remote.owner(),
                "/v1/customers/"
                    + UriUtils.encodePathSegment(customerId, StandardCharsets.UTF_8)
                    + "/loyalty"));
      } catch (KeyRouting.ForwardingException e) {
        return unavailable(e.getMessage());
      }
    }
    return unavailable(((KeyRouting.Route.Unavailable) route).reason());
  }

  private static ResponseEntity<?> passOn(KeyRouting.Forwarded forwarded) {
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
