package io.payrail.ingest.review;

import io.payrail.ingest.status.OpenReview;
import java.util.List;

/**
 * {@code GET /v1/reviews}: open reviews oldest first, and the cursor of the next page.
 *
 * @param next an opaque cursor to pass as {@code cursor} for the next page; null on the last page
 */
public record ReviewPage(List<OpenReview> reviews, String next) {

  public ReviewPage {
    reviews = reviews == null ? List.of() : List.copyOf(reviews);
  }
}
