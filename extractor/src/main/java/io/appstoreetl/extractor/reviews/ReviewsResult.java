package io.appstoreetl.extractor.reviews;

import java.time.LocalDate;
import java.util.SortedSet;

/**
 * Outcome of one app's reviews fetch.
 *
 * @param status {@code complete} when a unit landed, {@code failed} on an error
 * @param reviews reviews read in the fetch, the overlap with earlier fetches included
 * @param stoppedEarly whether the fetch stopped at the overlap before Apple's last page
 * @param message the error of a failed fetch, else null
 */
public record ReviewsResult(
    String appId,
    String status,
    int reviews,
    int pages,
    boolean stoppedEarly,
    String unitKey,
    SortedSet<LocalDate> landedMetricDates,
    String message) {
  public static final String COMPLETE = "complete";
  public static final String FAILED = "failed";

  public boolean landed() {
    return COMPLETE.equals(status);
  }

  public boolean failed() {
    return FAILED.equals(status);
  }
}
