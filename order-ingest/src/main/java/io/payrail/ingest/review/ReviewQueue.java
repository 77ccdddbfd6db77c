package io.payrail.ingest.review;

import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.status.InstanceQueries;
import io.payrail.ingest.status.OpenReview;
import io.payrail.ingest.status.OrderStatusView;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * A merchant's open reviews across the whole status view. The view is partitioned by
 * merchantId/orderId over the facade's instances, so one merchant's reviews are on all of them: the
 * instance a client asks reads its own partitions' open-reviews index and asks every other instance
 * that has active partitions for its part (signed forwards, {@link InstanceQueries}), each part
 * already in order and cut at the page size; it then merges them. One page costs one request to
 * each instance.
 */
@Component
class ReviewQueue {

  static final Comparator<OpenReview> OLDEST_FIRST =
      Comparator.comparing(OpenReview::heldAt).thenComparing(OpenReview::orderId);

  private final OrderStatusView view;
  private final InstanceQueries queries;
  private final StreamsBuilderFactoryBean streams;
  private final HostInfo self;

  ReviewQueue(
      OrderStatusView view,
      InstanceQueries queries,
      StreamsBuilderFactoryBean streams,
      HostInfo self) {
    this.view = view;
    this.queries = queries;
    this.streams = streams;
    this.self = self;
  }

  /**
   * One page of the merchant's open reviews after {@code after}.
   *
   * @param forwarded whether another instance asks (then only this instance's part)
   */
  ReviewPage open(
      Merchant merchant,
      Optional<ReviewCursor> after,
      int limit,
      String authorization,
      boolean forwarded) {
    if (forwarded) {
      return local(merchant, after, limit);
    }
    KafkaStreams running = streams.getKafkaStreams();
    if (running == null || running.state() != KafkaStreams.State.RUNNING) {
      throw ProblemException.unavailable("The status view is moving between instances");
    }
    String pathAndQuery =
        "/v1/reviews?status=open&limit="
            + limit
            + after.map(cursor -> "&cursor=" + cursor.encoded()).orElse("");
    List<CompletableFuture<Optional<ReviewPage>>> asked = new ArrayList<>();
    for (StreamsMetadata instance : running.metadataForAllStreamsClients()) {
      if (!instance.hostInfo().equals(self) && holdsStatusPartitions(instance)) {
        asked.add(
            queries.ask(
                instance.hostInfo(),
                pathAndQuery,
                Map.of(HttpHeaders.AUTHORIZATION, authorization),
                ReviewPage.class,
                "open reviews"));
      }
    }
    List<ReviewPage> parts = new ArrayList<>();
    parts.add(local(merchant, after, limit));
    parts.addAll(await(asked));
    List<OpenReview> merged = new ArrayList<>();
    parts.forEach(part -> merged.addAll(part.reviews()));
    merged.sort(OLDEST_FIRST);
    boolean more = merged.size() > limit || parts.stream().anyMatch(part -> part.next() != null);
    List<OpenReview> page = merged.subList(0, Math.min(limit, merged.size()));
    return new ReviewPage(
        page,
        more && !page.isEmpty() ? ReviewCursor.after(page.get(page.size() - 1)).encoded() : null);
  }

  private ReviewPage local(Merchant merchant, Optional<ReviewCursor> after, int limit) {
    OrderStatusView.LocalReviews local =
        view.openReviewsLocal(
            merchant.id(),
            after.map(ReviewCursor::heldAt).orElse(null),
            after.map(ReviewCursor::orderId).orElse(null),
            limit);
    List<OpenReview> reviews = local.reviews();
    return new ReviewPage(
        reviews,
        local.more() && !reviews.isEmpty()
            ? ReviewCursor.after(reviews.get(reviews.size() - 1)).encoded()
            : null);
  }

  private List<ReviewPage> await(List<CompletableFuture<Optional<ReviewPage>>> asked) {
    Duration timeout = view.forwardTimeout();
    List<ReviewPage> pages = new ArrayList<>();
    try {
      CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
      for (CompletableFuture<Optional<ReviewPage>> answer : asked) {
        // A 404 from an instance would mean it has no such endpoint: not a complete answer.
        pages.add(
            answer
                .join()
                .orElseThrow(
                    () -> ProblemException.unavailable("An instance could not list its reviews")));
      }
    } catch (ExecutionException e) {
      throw InstanceQueries.problem(e.getCause(), "open reviews");
    } catch (TimeoutException e) {
      throw ProblemException.unavailable("An instance holding open reviews did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("Interrupted");
    }
    return pages;
  }

  /** Whether the instance has active partitions of the order status view. */
  private static boolean holdsStatusPartitions(StreamsMetadata instance) {
    return instance.topicPartitions().stream()
        .anyMatch(partition -> partition.topic().equals(Topics.REVIEW_DECISIONS.name()));
  }
}
