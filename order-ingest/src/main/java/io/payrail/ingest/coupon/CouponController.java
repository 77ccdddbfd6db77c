package io.payrail.ingest.coupon;

import io.payrail.events.CouponDefined;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.auth.MerchantAuthFilter;
import io.payrail.ingest.auth.RequiresScope;
import io.payrail.ingest.auth.Scope;
import io.payrail.ingest.problem.FieldError;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.publish.EventPublisher;
import io.payrail.ingest.request.RequestBodies;
import io.payrail.schemas.keys.CouponKey;
import io.payrail.schemas.topics.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A merchant's coupons (issue 18): {@code POST /v1/coupons} defines one, {@code GET
 * /v1/coupons/{code}} reads it. Scoped to the caller's merchant: a coupon is {@code
 * merchantId/code}, and another merchant's coupon with the same code is not found. A coupon never
 * changes once defined (the first record of its key in {@code coupons} is the coupon everywhere).
 */
@RestController
@RequestMapping("/v1/coupons")
public class CouponController {

  private final RequestBodies bodies;
  private final CouponView view;
  private final EventPublisher publisher;
  private final Clock clock;

  public CouponController(
      RequestBodies bodies, CouponView view, EventPublisher publisher, Clock clock) {
    this.bodies = bodies;
    this.view = view;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Validate, look the code up in the coupons view (read-your-writes: any coupon acknowledged
   * before is found, on whichever instance), then answer the same definition again (200), refuse
   * another definition of the code (409), or publish and answer 201 once Kafka acknowledged. Two
   * different definitions sent at the same moment may both be acknowledged; every reader keeps the
   * first in the topic.
   */
  @Operation(
      summary = "Define a coupon",
      description =
          "Exactly one of percentOff and amountOffMinor (with currency). The code is upper-cased."
              + " The same definition again answers 200 with the coupon; another definition of an"
              + " existing code 409 coupon-exists. Coupons never change.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = CouponRequest.class))),
      responses = {
        @ApiResponse(responseCode = "201", description = "The coupon was published"),
        @ApiResponse(
            responseCode = "200",
            description = "The same definition was already accepted; nothing published"),
        @ApiResponse(
            responseCode = "400",
            description = "validation-failed",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "409",
            description = "coupon-exists: the code is defined differently",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "422",
            description = "card-number-in-request",
            content = @Content(mediaType = "application/problem+json"))
      })
  @RequiresScope(Scope.COUPONS_WRITE)
  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CouponAnswer> define(
      HttpServletRequest request,
      @Parameter(hidden = true) @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant) {
    CouponDefined coupon =
        CouponRequestParser.parse(bodies.readObject(request), merchant, clock.instant());
    Optional<CouponDefined> first = view.find(merchant.id(), coupon.getCode());
    if (first.isPresent()) {
      if (!CouponAnswer.sameDefinition(first.get(), coupon)) {
        throw new ProblemException(
            ProblemType.COUPON_EXISTS,
            "Coupon " + coupon.getCode() + " is already defined differently; coupons never change",
            List.of(new FieldError("code", "already defined with another definition")),
            Map.of());
      }
      return ResponseEntity.ok()
          .location(location(coupon.getCode()))
          .body(CouponAnswer.of(first.get()));
    }
    publisher.publish(Topics.COUPONS, CouponKey.of(merchant.id(), coupon.getCode()), coupon);
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(location(coupon.getCode()))
        .body(CouponAnswer.of(coupon));
  }

  @Operation(
      summary = "A coupon of the merchant",
      description = "The code in any case. Another merchant's coupon is not found.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The coupon as defined"),
        @ApiResponse(
            responseCode = "404",
            description = "No such coupon of this merchant",
            content = @Content(mediaType = "application/problem+json"))
      })
  @RequiresScope(Scope.COUPONS_READ)
  @GetMapping(path = "/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
  public CouponAnswer coupon(
      @PathVariable String code,
      @Parameter(hidden = true) @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant) {
    return CouponCodes.fromPath(code)
        .flatMap(upper -> view.find(merchant.id(), upper))
        .map(CouponAnswer::of)
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such coupon"));
  }

  private static URI location(String code) {
    return URI.create("/v1/coupons/" + code);
  }
}
