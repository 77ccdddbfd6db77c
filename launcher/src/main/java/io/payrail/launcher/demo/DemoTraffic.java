package io.payrail.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.payrail.launcher.console.Progress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The demo's traffic: a realistic mix over the HTTP facade (members who register first, good
 * customers, large first orders of new members that risk holds for review, a fraud burst that trips
 * the velocity and token rules, declined cards, partial and full refunds), a reviewer working the
 * review queue meanwhile ({@link DemoReviewer}), its progress, and a summary of what became of
 * every order and member.
 */
final class DemoTraffic {

  /** Where the demo sends its traffic. */
  record Target(URI facade, String apiKey) {}

  /** The fewest orders that still show every part of the mix. */
  static final int MIN_ORDERS = 12;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Orders per good customer: at most the burst-velocity rule's maximum (3 in a minute), so a good
   * customer is never held for placing a handful of orders while the demo runs fast.
   */
  static final int ORDERS_PER_GOOD_CUSTOMER = 3;

  /**
   * A new customer's first order this large is held for review: {@code new_customer_large_amount}
   * (35) and {@code unverified_large_amount} (20) fire from 500.00, 55 is between review-at (40)
   * and decline-at (70) (risk-streams' rule book).
   */
  static final long LARGE_AMOUNT_MINOR = 60_000;

  /**
   * The fraud burst's cards, one per order: three new cards, two of them again, then new ones. From
   * the fourth order on, the burst-velocity rule (30) and the country mismatch (15) hold the order
   * for review; once a fourth distinct card comes, the token rule (25) declines it outright.
   */
  static final List<String> BURST_TOKENS =
      List.of(
          "tok_burst_0", "tok_burst_1", "tok_burst_2", "tok_burst_0", "tok_burst_3", "tok_burst_4");

  /**
   * The demo's coupon: 10 % off, 20 uses in all, at most 2 per customer. About {@link
   * #COUPON_CLAIMS} good orders claim it, more than its uses, so payment-processor refuses the late
   * ones ({@code coupon_exhausted}). Two per customer, not one: the demo's 60 orders have 15 good
   * customers, and with one use each they could never exhaust 20.
   */
  static final int COUPON_PERCENT_OFF = 10;

  static final int COUPON_MAX_USES = 20;
  static final int COUPON_MAX_USES_PER_CUSTOMER = 2;

  /** How many good orders claim the coupon (all of them in a run with fewer). */
  static final int COUPON_CLAIMS = 25;

  /**
   * One good order in this many redeems loyalty points, at least two in a run: a customer's second
   * order, once the first is paid and its points show on the member's profile.
   */
  static final int ORDERS_PER_REDEMPTION = 25;

  /**
   * The shares of the charge the redemptions pay with points, in turn: modest, never the whole
   * charge (the contract keeps it at 1 or more), and never more points than the member has.
   */
  static final List<Integer> REDEMPTION_PERCENTS = List.of(10, 20, 30);

  /**
   * How long the demo waits for a paid order's points to show on the member's profile before it
   * places the member's next order without redeeming any.
   */
  private static final Duration POINTS_PATIENCE = Duration.ofSeconds(15);

  /** How long an order may take to reach a final status, a held one's review included. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  /** How long a request answered 503 is asked again before the demo gives up on it. */
  private static final Duration UNAVAILABLE_PATIENCE = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Target target;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  private DemoTraffic(Target target) {
    this.target = target;
  }

  /** Runs the demo; returns whether every order reached a final status. */
  static boolean run(int orders, Target target) throws IOException {
    return new DemoTraffic(target).drive(Math.max(orders, MIN_ORDERS));
  }

  private boolean drive(int orders) throws IOException {
    int burst = BURST_TOKENS.size();
    int declined = Math.max(2, orders / 10);
    int large = largeOrders(orders);
    int good = orders - burst - declined - large;
    String fraudster = "demo-" + runId + "-fraudster";
    String coupon = couponCode(runId);
    defineCoupon(coupon);
    System.out.printf(
        "demo: %d good orders by members (%d of them claim coupon %s: %d %% off, %d uses, %d per"
            + " customer; %d second orders pay up to %s %% of the charge with the member's points),"
            + " %d large first orders of new members, %d declined cards, a fraud burst of %d; %s"
            + " works the review queue%n",
        good,
        couponClaims(good),
        coupon,
        COUPON_PERCENT_OFF,
        COUPON_MAX_USES,
        COUPON_MAX_USES_PER_CUSTOMER,
        pointsRedemptions(good),
        REDEMPTION_PERCENTS.stream().map(String::valueOf).collect(Collectors.joining("/")),
        large,
        declined,
        burst,
        DemoReviewer.REVIEWER);
    try (DemoReviewer reviewer = DemoReviewer.start(target, "demo-" + runId + "-", fraudster)) {
      return trafficWith(orders, good, large, declined, fraudster, coupon, reviewer);
    }
  }

  /** The run's coupon code: upper case, as the facade keeps codes. */
  static String couponCode(String runId) {
    return ("DEMO-" + runId).toUpperCase(Locale.ROOT);
  }

  /**
   * How many of the {@code good} good orders claim the coupon: the first ones, so that each good
   * customer's first order claims it and then some second orders (within the per-customer limit).
   */
  static int couponClaims(int good) {
    return Math.min(COUPON_CLAIMS, good);
  }

  private void defineCoupon(String code) throws IOException {
    HttpResponse<String> response =
        send(
            post(
                CouponApi.COUPONS_PATH,
                CouponApi.percentOffBody(
                    code, COUPON_PERCENT_OFF, COUPON_MAX_USES, COUPON_MAX_USES_PER_CUSTOMER)));
    if (response.statusCode() != CouponApi.CREATED
        && response.statusCode() != CouponApi.UNCHANGED) {
      throw new IllegalStateException(
          "defining coupon "
              + code
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /**
   * How many of the {@code good} good orders redeem points: one in {@link #ORDERS_PER_REDEMPTION},
   * at least two, and only customers' second orders (a first order has no points to redeem), one
   * per customer.
   */
  static int pointsRedemptions(int good) {
    int customers = goodCustomers(good);
    int secondOrders = Math.min(customers, good - customers);
    return Math.min(secondOrders, Math.max(2, good / ORDERS_PER_REDEMPTION));
  }

  /**
   * Whether the {@code index}th of {@code good} good orders redeems points: {@link
   * #pointsRedemptions} of the customers' second orders, spread evenly over them, so no customer
   * redeems twice.
   */
  static boolean redeemsPoints(int index, int good) {
    int customers = goodCustomers(good);
    int redemptions = pointsRedemptions(good);
    if (index < customers || redemptions == 0) {
      return false;
    }
    int step = Math.max(1, Math.min(customers, good - customers) / redemptions);
    int offset = index - customers;
    return offset % step == 0 && offset / step < redemptions;
  }

  /**
   * The share of its charge (in per cent) the {@code index}th good order pays with points, taking
   * {@link #REDEMPTION_PERCENTS} in turn.
   */
  static int redemptionPercent(int index) {
    return REDEMPTION_PERCENTS.get(index % REDEMPTION_PERCENTS.size());
  }

  /** Large orders of new members, held for review: one in twenty, at least two. */
  static int largeOrders(int orders) {
    return Math.max(2, orders / 20);
  }

  private boolean trafficWith(
      int orders,
      int good,
      int large,
      int declined,
      String fraudster,
      String coupon,
      DemoReviewer reviewer)
      throws IOException {
    List<String> placed = new ArrayList<>();
    // The coupon's claims: orderId to the discount the facade priced.
    Map<String, Long> claims = new LinkedHashMap<>();
    // The redemptions of points: orderId to the points the facade accepted.
    Map<String, Long> redemptions = new LinkedHashMap<>();
    int noPoints = 0;
    Map<String, String> customers = new LinkedHashMap<>();
    // Good customers register as members before their first order: loyalty opens their balances
    // at zero. One member never orders and keeps it, which the summary shows.
    String neverOrders = "demo-" + runId + "-member";
    register(neverOrders);
    customers.put(neverOrders, neverOrders);
    try (Progress progress = Progress.on(System.out, "placed", orders)) {
      for (int i = 0; i < good; i++) {
        String customer = goodCustomer(runId, i, good);
        if (customers.put(customer, customer) == null) {
          register(customer);
        }
        String claim = i < couponClaims(good) ? coupon : null;
        long amount = 1_000 + 250L * (i % 17);
        Long points = null;
        if (redeemsPoints(i, good)) {
          // The customer's previous order (same customer, one round of customers earlier).
          long available = availablePoints(customer, orderId(i - goodCustomers(good)), reviewer);
          // Of the charge before points: the coupon's percentage off, rounded up to be safe.
          long charge = claim == null ? amount : amount - (amount * COUPON_PERCENT_OFF + 99) / 100;
          long redeem = PointsApi.modestRedemption(available, charge, redemptionPercent(i));
          points = redeem > 0 ? redeem : null;
          noPoints += redeem > 0 ? 0 : 1;
        }
        placed.add(
            place(i, customer, amount, "tok_visa", "DE", claim, claims, points, redemptions));
        progress.update(placed.size());
      }
      // New members whose first order is large: held for review, mostly approved.
      for (int i = 0; i < large; i++) {
        String customer = "demo-" + runId + "-n" + i;
        register(customer);
        customers.put(customer, customer);
        placed.add(place(good + i, customer, LARGE_AMOUNT_MINOR, "tok_visa", "DE"));
        progress.update(placed.size());
      }
      for (int i = 0; i < declined; i++) {
        String token = i % 2 == 0 ? "tok_chargeDeclined" : "tok_chargeDeclinedInsufficientFunds";
        placed.add(place(good + large + i, "demo-" + runId + "-d" + i, 4_200, token, "DE"));
        progress.update(placed.size());
      }
      // Several cards, another issuing country, many orders in a minute: velocity, tokens,
      // mismatch; what risk holds of it, the reviewer rejects.
      for (int i = 0; i < BURST_TOKENS.size(); i++) {
        placed.add(place(good + large + declined + i, fraudster, 9_900, BURST_TOKENS.get(i), "US"));
        progress.update(placed.size());
      }
    }

    Map<String, JsonNode> settled = new LinkedHashMap<>();
    try (Progress progress = Progress.on(System.out, "settled", placed.size())) {
      for (String orderId : placed) {
        settled.put(orderId, settle(orderId, reviewer));
        progress.update(settled.size());
      }
    }
    // Every held order is decided (or waits in vain): the reviewer is done.
    reviewer.close();

    int refunds = 0;
    int partial = 0;
    Map<String, String> refunded = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : settled.entrySet()) {
      if (!"PAID".equals(entry.getValue().path("status").asText()) || refunds >= orders / 6) {
        continue;
      }
      // What was charged: the total minus a coupon's discount and the points' value.
      JsonNode charged = entry.getValue().path("payment").path("amountMinor");
      long amount =
          charged.isNumber()
              ? charged.asLong()
              : entry.getValue().path("order").path("amountMinor").asLong();
      boolean half = refunds % 2 == 0;
      refund(entry.getKey(), "rf-" + runId + "-" + refunds, half ? amount / 2 : null);
      refunded.put(entry.getKey(), half ? "PARTIALLY_REFUNDED" : "REFUNDED");
      partial += half ? 1 : 0;
      refunds++;
    }
    System.out.printf(
        "demo: asked for %d refunds (%d partial, %d full)%n", refunds, partial, refunds - partial);
    for (Map.Entry<String, String> entry : refunded.entrySet()) {
      settled.put(entry.getKey(), awaitStatus(entry.getKey(), entry.getValue()));
    }
    CouponOutcome couponOutcome =
        CouponOutcome.of(
            claims.entrySet().stream()
                .map(
                    claim -> {
                      JsonNode order = settled.get(claim.getKey());
                      return new CouponOutcome.Claim(
                          order.path("status").asText(),
                          order.path("payment").path("declineCode").asText(null),
                          claim.getValue());
                    })
                .toList());
    PointsOutcome pointsOutcome =
        PointsOutcome.of(
            redemptions.entrySet().stream()
                .map(
                    redemption -> {
                      JsonNode order = settled.get(redemption.getKey());
                      return new PointsOutcome.Redemption(
                          order.path("status").asText(),
                          order.path("payment").path("declineCode").asText(null),
                          redemption.getValue(),
                          PointsApi.redeemedOf(order));
                    })
                .toList());
    String pointsLine =
        pointsOutcome.line()
            + (noPoints == 0
                ? ""
                : "; %d planned redemptions placed without points (no points seen in time)"
                    .formatted(noPoints));
    return summary(
        settled,
        customers.keySet(),
        refunds,
        reviewer,
        fraudster,
        couponOutcome.line(coupon, "EUR"),
        pointsLine);
  }

  /**
   * The member's available points once its earlier order {@code earlierOrderId} ended: 0 if that
   * order was not paid, or its points did not show on the member's profile within {@link
   * #POINTS_PATIENCE}. As a shop would, the demo reads the balance before offering to pay with it;
   * loyalty decides anyway, and may still refuse ({@code points_unavailable}).
   */
  private long availablePoints(String customer, String earlierOrderId, DemoReviewer reviewer)
      throws IOException {
    JsonNode earlier = settle(earlierOrderId, reviewer);
    if (!CouponOutcome.PAID.contains(earlier.path("status").asText())) {
      return 0;
    }
    long deadline = System.nanoTime() + POINTS_PATIENCE.toNanos();
    while (true) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(target.facade().resolve(PointsApi.customerPath(customer)))
                  .header("Authorization", "Bearer " + target.apiKey())
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build());
      long available =
          response.statusCode() == 200 ? PointsApi.availableOf(JSON.readTree(response.body())) : 0;
      if (available > 0 || System.nanoTime() > deadline) {
        return available;
      }
      // Loyalty credits the capture a moment after the payment: ask again shortly.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /** The demo's id of its {@code index}th order. */
  private String orderId(int index) {
    return "demo-" + runId + "-" + index;
  }

  /** How many good customers share the {@code good} good orders. */
  static int goodCustomers(int good) {
    return Math.max(1, (good + ORDERS_PER_GOOD_CUSTOMER - 1) / ORDERS_PER_GOOD_CUSTOMER);
  }

  /**
   * The good customer of the {@code index}th of {@code good} good orders: many customers with a few
   * orders each, as a shop has, spread over the run rather than one after another.
   */
  static String goodCustomer(String runId, int index, int good) {
    return "demo-" + runId + "-c" + (index % goodCustomers(good));
  }

  private String place(int index, String customer, long amount, String token, String country)
      throws IOException {
    return place(index, customer, amount, token, country, null, null, null, null);
  }

  /**
   * Places the order, claiming {@code coupon} unless it is null and redeeming {@code points} unless
   * they are null; a claim's discount, as the 202 answer prices it, goes into {@code claims} by
   * orderId, and the points the 202 answer accepted into {@code redemptions}.
   */
  private String place(
      int index,
      String customer,
      long amount,
      String token,
      String country,
      String coupon,
      Map<String, Long> claims,
      Long points,
      Map<String, Long> redemptions)
      throws IOException {
    String orderId = orderId(index);
    String body =
        """
        {"orderId":"%s","customerId":"%s","amountMinor":%d,"currency":"EUR",\
        "items":[{"sku":"sku-%d","quantity":1,"unitAmountMinor":%d}],\
        "paymentMethod":{"token":"%s","brand":"visa","last4":"4242","issuingCountry":"%s"},\
        "shippingCountry":"DE","channel":"WEB"}\
        """
            .formatted(orderId, customer, amount, index % 5, amount, token, country);
    HttpResponse<String> response =
        send(post("/v1/orders", PointsApi.redeeming(CouponApi.claiming(body, coupon), points)));
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "POST " + orderId + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode accepted = JSON.readTree(response.body());
    if (coupon != null) {
      claims.put(orderId, CouponApi.discountOf(accepted));
    }
    if (points != null) {
      long priced = PointsApi.pointsOf(accepted);
      redemptions.put(orderId, priced > 0 ? priced : points);
    }
    return orderId;
  }

  private void register(String customerId) throws IOException {
    String body =
        """
        {"customerId":"%s","displayName":"Member %s","country":"DE"}\
        """
            .formatted(customerId, customerId.substring(customerId.lastIndexOf('-') + 1));
    HttpResponse<String> response = send(post("/v1/customers", body));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "registering "
              + customerId
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  private void refund(String orderId, String refundId, Long amount) throws IOException {
    String body =
        amount == null
            ? "{\"refundId\":\"%s\",\"reason\":\"requested_by_customer\"}".formatted(refundId)
            : "{\"refundId\":\"%s\",\"amountMinor\":%d,\"reason\":\"requested_by_customer\"}"
                .formatted(refundId, amount);
    HttpResponse<String> response = send(post("/v1/orders/" + orderId + "/refunds", body));
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "refund of " + orderId + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Long-polls until the order reached {@code status} (or 30 s passed) and returns it. */
  private JsonNode awaitStatus(String orderId, String status) throws IOException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    target
                        .facade()
                        .resolve("/v1/orders/" + orderId + "?waitFor=" + status + "&timeout=30s"))
                .header("Authorization", "Bearer " + target.apiKey())
                .timeout(Duration.ofSeconds(40))
                .GET()
                .build());
    return JSON.readTree(response.body());
  }

  /**
   * The order once it reached a final status, or as it is at timeout: past RECEIVED/APPROVED, and
   * past IN_REVIEW while the reviewer works the queue.
   */
  private JsonNode settle(String orderId, DemoReviewer reviewer) throws IOException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    JsonNode order;
    do {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(target.facade().resolve("/v1/orders/" + orderId))
                  .header("Authorization", "Bearer " + target.apiKey())
                  .timeout(Duration.ofSeconds(35))
                  .GET()
                  .build());
      order = JSON.readTree(response.body());
      String status = order.path("status").asText();
      boolean waitsForReviewer = DemoOutcome.HELD.equals(status) && reviewer.working();
      if (!DemoOutcome.IN_FLIGHT.contains(status) && !waitsForReviewer) {
        return order;
      }
      // The demo watches like a client would: ask again shortly.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    } while (System.nanoTime() < deadline);
    return order;
  }

  private boolean summary(
      Map<String, JsonNode> orders,
      Set<String> customers,
      int refunds,
      DemoReviewer reviewer,
      String fraudster,
      String couponLine,
      String pointsLine)
      throws IOException {
    DemoOutcome outcome =
        DemoOutcome.of(
            orders.values().stream()
                .map(
                    order -> {
                      List<String> rules = new ArrayList<>();
                      order
                          .path("risk")
                          .path("reasons")
                          .forEach(reason -> rules.add(reason.path("rule").asText()));
                      return new DemoOutcome.Order(
                          order.path("status").asText(), rules, ReviewApi.decisionOf(order));
                    })
                .toList());
    Map<String, Integer> byDecision = new TreeMap<>();
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    int completedRefunds = 0;
    for (JsonNode order : orders.values()) {
      byDecision.merge(order.path("risk").path("decision").asText("-"), 1, Integer::sum);
      JsonNode payment = order.path("payment");
      if (payment.has("processedAt")) {
        long ms =
            Duration.between(
                    Instant.parse(order.path("order").path("placedAt").asText()),
                    Instant.parse(payment.path("processedAt").asText()))
                .toMillis();
        latency.recordValue(Math.max(0, ms));
      }
      for (JsonNode refund : order.path("refunds")) {
        completedRefunds += "COMPLETED".equals(refund.path("status").asText()) ? 1 : 0;
      }
    }
    // Members only, as a shop would ask: the facade answers a merchant for its own members.
    List<Map.Entry<String, JsonNode>> balances = new ArrayList<>();
    for (String customer : customers) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(target.facade().resolve(PointsApi.loyaltyPath(customer)))
                  .header("Authorization", "Bearer " + target.apiKey())
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build());
      if (response.statusCode() == 200) {
        balances.add(Map.entry(customer, JSON.readTree(response.body())));
      }
    }
    balances.sort(
        Comparator.comparingLong(
                (Map.Entry<String, JsonNode> b) -> PointsApi.availableOfBalance(b.getValue()))
            .reversed());

    System.out.println("\nPayrail demo summary");
    System.out.println("  orders by status:       " + outcome.byStatus());
    System.out.printf(
        Locale.ROOT,
        "  paid:                   %d of %d (%.0f %%)%n",
        outcome.count("PAID") + outcome.count("PARTIALLY_REFUNDED") + outcome.count("REFUNDED"),
        outcome.total(),
        100.0
            * (outcome.count("PAID")
                + outcome.count("PARTIALLY_REFUNDED")
                + outcome.count("REFUNDED"))
            / outcome.total());
    System.out.println("  risk decisions:         " + byDecision);
    System.out.println("  reviews:                " + outcome.reviewLine());
    Map<String, Integer> burst = new TreeMap<>();
    for (JsonNode order : orders.values()) {
      if (fraudster.equals(order.path("order").path("customerId").asText())) {
        burst.merge(order.path("status").asText(), 1, Integer::sum);
      }
    }
    System.out.println("  fraud burst:            " + DemoOutcome.burstLine(burst));
    System.out.println("  coupon:                 " + couponLine);
    System.out.println("  points:                 " + pointsLine);
    System.out.println(
        "  reviewer:               "
            + DemoReviewer.REVIEWER
            + " decided "
            + reviewer.sent()
            + (reviewer.lastProblem() == null ? "" : "; last problem: " + reviewer.lastProblem()));
    System.out.printf(
        "  refunds:                %d asked, %d completed%n", refunds, completedRefunds);
    System.out.printf(
        "  members:                %d registered, %d with a balance%n",
        customers.size(), balances.size());
    System.out.println("  top loyalty balances:");
    balances.stream()
        .limit(5)
        .forEach(
            b ->
                System.out.printf(
                    "    %-28s %6d points  %-8s %d reserved%n",
                    b.getKey(),
                    PointsApi.availableOfBalance(b.getValue()),
                    b.getValue().path(PointsApi.TIER_FIELD).asText(),
                    b.getValue().path(PointsApi.RESERVED_FIELD).asLong()));
    System.out.printf(
        Locale.ROOT,
        "  placed -> payment latency: p50 %d ms, p99 %d ms, max %d ms (%d payments)%n",
        latency.getValueAtPercentile(50),
        latency.getValueAtPercentile(99),
        latency.getMaxValue(),
        latency.getTotalCount());
    System.out.println("  " + outcome.verdict());
    return outcome.settled();
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(target.facade().resolve(path))
        .header("Authorization", "Bearer " + target.apiKey())
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /**
   * Sends like a well-behaved client: a 503 (a view still catching up after a restart, a broker
   * away) is asked again after its Retry-After, for up to {@link #UNAVAILABLE_PATIENCE}. Every
   * request of the demo is idempotent (orderId, refundId, customerId), so asking again is safe.
   */
  private HttpResponse<String> send(HttpRequest request) throws IOException {
    long deadline = System.nanoTime() + UNAVAILABLE_PATIENCE.toNanos();
    try {
      while (true) {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 503 || System.nanoTime() > deadline) {
          return response;
        }
        long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        // A sleep, not a wait on a condition: the facade is another process, and its Retry-After
        // is the only signal of when to ask again. At most 5 s, so a long hint cannot stall a demo.
        Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(1, Math.min(seconds, 5))));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (NumberFormatException e) {
      throw new IOException("a Retry-After that is not a number of seconds", e);
    }
  }
}
