package io.appstoreetl.extractor;

import io.appstoreetl.extractor.analytics.AppResult;
import io.appstoreetl.extractor.reviews.ReviewsResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One app's part of a run: its analytics result and, in a daily run, its reviews fetch ({@code
 * null} when reviews were not fetched).
 */
public record AppSummary(String appId, AppResult analytics, ReviewsResult reviews) {
  public static final String OK = "ok";
  public static final String PENDING = "pending";
  public static final String FAILED = "failed";

  public List<String> errors() {
    List<String> errors = new ArrayList<>(analytics.errors());
    if (reviews != null && reviews.failed()) {
      errors.add(reviews.message());
    }
    return errors;
  }

  /**
   * {@code failed} with any error; {@code pending} when Apple has nothing to land yet and nothing
   * landed or had landed; {@code ok} otherwise.
   */
  public String status() {
    if (!errors().isEmpty()) {
      return FAILED;
    }
    boolean nothing = analytics.instancesLanded() == 0 && analytics.instancesSkipped() == 0;

    return nothing && !analytics.pending().isEmpty() ? PENDING : OK;
  }

  public int unitsLanded() {
    return analytics.instancesLanded() + (reviews != null && reviews.landed() ? 1 : 0);
  }

  /** Returns the metric dates of the analytics instances landed. */
  public SortedSet<LocalDate> touchedMetricDates() {
    return new TreeSet<>(analytics.touchedMetricDates());
  }

  /** Returns the metric dates (creation dates) of the reviews landed, if a fetch landed. */
  public SortedSet<LocalDate> reviewsTouchedMetricDates() {
    SortedSet<LocalDate> dates = new TreeSet<>();
    if (reviews != null && reviews.landed()) {
      dates.addAll(reviews.landedMetricDates());
    }
    return dates;
  }
}
