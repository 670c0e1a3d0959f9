package io.appstoreetl.extractor.sales;

import java.time.LocalDate;
import java.util.SortedSet;

/**
 * Outcome of one Sales and Trends report for one report date.
 *
 * @param status {@code complete} or {@code empty} when a unit landed now, {@code unavailable} when
 *     Apple returned 410 because the report is past its retention (a manifest records it), {@code
 *     skipped} when a unit had landed before, {@code pending} when Apple has not made it yet,
 *     {@code failed} on an error
 * @param reportVersion the {@code filter[version]} of the request that succeeded, or the last one
 *     tried; {@code null} when no request was sent
 * @param rowCount data rows of the unit landed now or before; 0 otherwise
 * @param unitKey the unit folder landed now or found, or {@code null}
 * @param landedMetricDates metric dates of the unit landed now (empty when none landed); an empty
 *     unit contributes its report date
 * @param message the error of a failed report, or Apple's message for a pending one; else null
 */
public record SalesResult(
    String report,
    String granularity,
    LocalDate reportDate,
    String status,
    String reportVersion,
    long rowCount,
    String unitKey,
    SortedSet<LocalDate> landedMetricDates,
    String message) {
  public static final String COMPLETE = "complete";
  public static final String EMPTY = "empty";
  public static final String UNAVAILABLE = "unavailable";
  public static final String SKIPPED = "skipped";
  public static final String PENDING = "pending";
  public static final String FAILED = "failed";

  /** Returns whether a unit that curation reads (complete or empty) landed now. */
  public boolean landed() {
    return COMPLETE.equals(status) || EMPTY.equals(status);
  }

  public boolean failed() {
    return FAILED.equals(status);
  }
}
