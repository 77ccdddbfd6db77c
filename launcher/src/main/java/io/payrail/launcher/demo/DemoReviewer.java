package io.payrail.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.payrail.launcher.demo.ReviewApi.Decision;
import io.payrail.launcher.demo.ReviewApi.Review;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's reviewer: while the demo runs, it pages the merchant's open reviews ({@code GET
 * /v1/reviews}) and decides each held order as {@value #REVIEWER}, with a note: the fraud burst's
 * orders are rejected, about two thirds of the good customers' are approved ({@link Policy}).
 *
 * <p>It decides only the demo's own orders: on a pipeline that runs anyway, other held orders wait
 * for their own reviewers. It decides an order only once the payments ledger holds it (the order's
 * payment status is {@code HELD_FOR_REVIEW}): a decision that reached the payment-processor before
 * the hold would be a decision on an order it does not know.
 */
final class DemoReviewer implements AutoCloseable {

  /** The reviewer id every decision of the demo carries. */
  static final String REVIEWER = "demo-reviewer";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(250);

  /**
   * What the reviewer decides on one held order, and the note it leaves: the fraud burst's orders
   * are rejected; of the good customers' held orders, the first and second of every three are
   * approved and the third rejected (about two thirds approved, the same every run). Pure.
   */
  static final class Policy {

    private final String fraudster;
    private int goodCustomersReviewed;

    /**
     * @param fraudster the customerId of the demo's fraud burst
     */
    Policy(String fraudster) {
      this.fraudster = fraudster;
    }

    Verdict decide(Review review) {
      if (fraudster.equals(review.customerId())) {
        return new Verdict(
            Decision.REJECT,
            "fraud burst: many cards in a minute, issued abroad " + review.reasons());
      }
      int index = goodCustomersReviewed++;
      return index % 3 == 2
          ? new Verdict(Decision.REJECT, "customer did not confirm the order")
          : new Verdict(Decision.APPROVE, "confirmed with the customer");
    }
  }

  /** A decision and its note. */
  record Verdict(Decision decision, String note) {}

  private final DemoTraffic.Target target;
  private final String ordersPrefix;
  private final Policy policy;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /** Orders decided (accepted, or answered as already decided): never sent again. */
  private final Set<String> decided = new HashSet<>();

  private final Map<String, Integer> sent = new ConcurrentHashMap<>();
  private volatile boolean queueAvailable = true;
  private volatile String lastProblem;

  private DemoReviewer(DemoTraffic.Target target, String ordersPrefix, Policy policy) {
    this.target = target;
    this.ordersPrefix = ordersPrefix;
    this.policy = policy;
    this.thread = new Thread(this::work, "demo-reviewer");
    thread.setDaemon(true);
  }

  /**
   * Starts working the queue of {@code target}'s merchant.
   *
   * @param ordersPrefix every orderId of this demo run starts with it; other orders are left alone
   * @param fraudster the customerId of the fraud burst
   */
  static DemoReviewer start(DemoTraffic.Target target, String ordersPrefix, String fraudster) {
    DemoReviewer reviewer = new DemoReviewer(target, ordersPrefix, new Policy(fraudster));
    reviewer.thread.start();
    return reviewer;
  }

  /**
   * Whether the reviewer works the queue: false once the facade answered that it has none (a
   * pipeline from before the review queue), when waiting for a held order would be in vain.
   */
  boolean working() {
    return queueAvailable && running.get();
  }

  /** Decisions accepted by the facade, by decision (APPROVE, REJECT, CLOSED for a 409). */
  Map<String, Integer> sent() {
    return new TreeMap<>(sent);
  }

  /** The last answer the reviewer could not use, or null. */
  String lastProblem() {
    return lastProblem;
  }

  private void work() {
    while (running.get()) {
      try {
        workQueueOnce();
      } catch (IOException | RuntimeException e) {
        // The pipeline may be busy: the queue is read again on the next round.
        lastProblem = e.toString();
      }
      if (!queueAvailable) {
        return;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** Every page of open reviews, each undecided held order decided. */
  private void workQueueOnce() throws IOException {
    String cursor = null;
    do {
      HttpResponse<String> response = send(get(ReviewApi.reviewsPath(cursor)));
      if (response.statusCode() == 404) {
        queueAvailable = false;
        lastProblem = "the facade has no review queue (GET " + ReviewApi.REVIEWS_PATH + ": 404)";
        return;
      }
      if (response.statusCode() != 200) {
        lastProblem = "GET " + ReviewApi.REVIEWS_PATH + ": " + response.statusCode();
        return;
      }
      ReviewApi.Page page = ReviewApi.page(JSON.readTree(response.body()));
      for (Review review : page.reviews()) {
        if (running.get()
            && review.orderId().startsWith(ordersPrefix)
            && !decided.contains(review.orderId())
            && heldByLedger(review)) {
          decide(review);
        }
      }
      cursor = page.next();
    } while (cursor != null && running.get());
  }

  private boolean heldByLedger(Review review) throws IOException {
    HttpResponse<String> response = send(get("/v1/orders/" + review.orderId()));
    return response.statusCode() == 200
        && ReviewApi.HELD_FOR_REVIEW.equals(
            JSON.readTree(response.body()).path("payment").path("status").asText());
  }

  private void decide(Review review) throws IOException {
    Verdict verdict = policy.decide(review);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    target.facade().resolve(ReviewApi.decisionPath(review.orderId())))
                .header("Authorization", "Bearer " + target.apiKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        ReviewApi.decisionBody(verdict.decision(), REVIEWER, verdict.note())))
                .build());
    switch (response.statusCode()) {
      case ReviewApi.ACCEPTED, ReviewApi.REPEATED -> {
        decided.add(review.orderId());
        sent.merge(verdict.decision().name(), 1, Integer::sum);
      }
      case ReviewApi.CLOSED -> {
        // Someone (the hold expiry) decided first; the order's status tells what.
        decided.add(review.orderId());
        sent.merge("CLOSED", 1, Integer::sum);
      }
      default ->
          lastProblem =
              "deciding "
                  + review.orderId()
                  + " answered "
                  + response.statusCode()
                  + ": "
                  + response.body();
    }
  }

  private HttpRequest get(String pathAndQuery) {
    return HttpRequest.newBuilder(target.facade().resolve(pathAndQuery))
        .header("Authorization", "Bearer " + target.apiKey())
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Stops working the queue; a decision under way is finished. */
  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
