package io.payrail.ingest.customer;

import io.payrail.events.CustomerRegistered;
import io.payrail.ingest.auth.InternalHeadersFilter;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.auth.MerchantAuthFilter;
import io.payrail.ingest.auth.RequiresScope;
import io.payrail.ingest.auth.Scope;
import io.payrail.ingest.problem.FieldError;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.publish.EventPublisher;
import io.payrail.ingest.request.RequestBodies;
import io.payrail.ingest.status.InstanceQueries;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.RequestForwarder;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.topics.Topics;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members in ({@code POST /v1/customers}) and out ({@code GET /v1/customers/{customerId}}, and its
 * balance alone at {@code /loyalty}), scoped to the caller's merchant: a customer is {@code
 * merchantId/customerId}, and another merchant's customer with the same id is not found.
 */
@RestController
@RequestMapping("/v1/customers")
public class CustomerController {

  private static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private final RequestBodies bodies;
  private final CustomerView view;
  private final RequestForwarder forwarder;
  private final InstanceQueries queries;
  private final EventPublisher publisher;
  private final Clock clock;

  public CustomerController(
      RequestBodies bodies,
      CustomerView view,
      RequestForwarder forwarder,
      InstanceQueries queries,
      EventPublisher publisher,
      Clock clock) {
    this.bodies = bodies;
    this.view = view;
    this.forwarder = forwarder;
    this.queries = queries;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Validate, look the customer up in the members view (read-your-writes: any registration
   * acknowledged before is found, on whichever instance), then answer the first registration again
   * (201, {@code Idempotent-Replayed: true}), refuse another body for the id (409), or publish and
   * answer 201 once Kafka acknowledged. Two different bodies for one id sent at the same moment may
   * both be acknowledged; every reader keeps the first in the topic (docs/architecture.md).
   */
  @RequiresScope(Scope.CUSTOMERS_WRITE)
  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CustomerAnswer> register(
      HttpServletRequest request,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant) {
    CustomerRegistered registration =
        CustomerRequestParser.parse(bodies.readObject(request), merchant, clock.instant());
    CustomerKey key = new CustomerKey(merchant.id(), registration.getCustomerId());
    Optional<CustomerAnswer> first = find(key, request.getHeader(HttpHeaders.AUTHORIZATION));
    if (first.isPresent()) {
      if (!first.get().sameProfileAs(registration)) {
        throw new ProblemException(
            ProblemType.IDEMPOTENCY_CONFLICT,
            "customerId " + key.customerId() + " was already registered with a different body",
            List.of(new FieldError("customerId", "already registered with another profile")),
            Map.of());
      }
      return created(key).header(REPLAYED_HEADER, "true").body(first.get());
    }
    publisher.publish(Topics.CUSTOMERS, key.encoded(), registration);
    return created(key).body(CustomerAnswer.of(registration, null));
  }

  /** The profile and its loyalty balance ({@code loyalty} null until loyalty has opened it). */
  @RequiresScope(Scope.CUSTOMERS_READ)
  @GetMapping(path = "/{customerId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public CompletableFuture<ResponseEntity<Object>> profile(
      @PathVariable String customerId,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    return answerForMember(
        customerId,
        merchant,
        request,
        (key, profile) -> CustomerAnswer.of(profile, view.balance(key).orElse(null)));
  }

  /**
   * The balance alone, for the merchant's own members only: 404 until loyalty has opened it, with a
   * detail that tells a member whose balance is not open yet from an unknown customer.
   */
  @RequiresScope(Scope.CUSTOMERS_READ)
  @GetMapping(path = "/{customerId}/loyalty", produces = MediaType.APPLICATION_JSON_VALUE)
  public CompletableFuture<ResponseEntity<Object>> loyalty(
      @PathVariable String customerId,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    return answerForMember(
        customerId,
        merchant,
        request,
        (key, profile) ->
            view.balance(key)
                .map(CustomerAnswer.Loyalty::of)
                .orElseThrow(
                    () ->
                        new ProblemException(
                            ProblemType.NOT_FOUND,
                            "The customer's loyalty balance is not open yet")));
  }

  /**
   * {@code answer} for a customer registered with the caller's merchant, on the instance that owns
   * the key {@code merchantId/customerId} (the request is forwarded there once); 404 for an id that
   * is not the merchant's member. The balance is then read under the same key, so a merchant only
   * ever sees its own member's balance.
   */
  private CompletableFuture<ResponseEntity<Object>> answerForMember(
      String customerId,
      Merchant merchant,
      HttpServletRequest request,
      BiFunction<CustomerKey, CustomerRegistered, Object> answer) {
    if (ContractRules.CUSTOMER_ID.problem(customerId) != null) {
      throw notFound();
    }
    CustomerKey key = new CustomerKey(merchant.id(), customerId);
    KeyOwner owner = view.ownerOf(key);
    if (owner instanceof KeyOwner.Remote remote && !InternalHeadersFilter.forwarded(request)) {
      return forward(remote, request);
    }
    if (!(owner instanceof KeyOwner.Local local)) {
      throw moving();
    }
    CustomerRegistered profile =
        view.readLocal(key, local.partition()).orElseThrow(CustomerController::notFound);
    return CompletableFuture.completedFuture(ResponseEntity.ok(answer.apply(key, profile)));
  }

  /** The customer's first registration, read locally or asked of the key's owner. */
  private Optional<CustomerAnswer> find(CustomerKey key, String authorization) {
    KeyOwner owner = view.ownerOf(key);
    if (owner instanceof KeyOwner.Local local) {
      return view.readLocal(key, local.partition()).map(first -> CustomerAnswer.of(first, null));
    }
    if (!(owner instanceof KeyOwner.Remote remote)) {
      throw moving();
    }
    return queries.get(
        remote.host(),
        path(key),
        Map.of(HttpHeaders.AUTHORIZATION, authorization),
        CustomerAnswer.class,
        "the customer");
  }

  private CompletableFuture<ResponseEntity<Object>> forward(
      KeyOwner.Remote owner, HttpServletRequest request) {
    return forwarder
        .get(
            owner.host(),
            request.getRequestURI(),
            Map.of(HttpHeaders.AUTHORIZATION, request.getHeader(HttpHeaders.AUTHORIZATION)),
            view.forwardTimeout())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw ProblemException.unavailable(
                    "The instance holding the customer did not answer");
              }
              HttpHeaders headers = new HttpHeaders();
              response.headers().forEach(headers::set);
              return ResponseEntity.status(response.status())
                  .headers(headers)
                  .body(response.body());
            });
  }

  private static ResponseEntity.BodyBuilder created(CustomerKey key) {
    return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(path(key)));
  }

  private static String path(CustomerKey key) {
    return "/v1/customers/" + key.customerId();
  }

  private static ProblemException notFound() {
    return new ProblemException(ProblemType.NOT_FOUND, "No such customer");
  }

  private static ProblemException moving() {
    return ProblemException.unavailable("The customer's partition is moving between instances");
  }
}
