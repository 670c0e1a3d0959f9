package io.appstoreetl.extractor.sales;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * Outcome of the sales step for one report date.
 *
 * @param status {@code complete} or {@code empty} when a unit landed now, {@code skipped} when one
 *     had landed before, {@code failed} on an error
 * @param rowCount data rows of the unit landed now or before; 0 on failure
 * @param unitKey the unit folder landed now or found, or {@code null} on failure
 * @param landedMetricDates metric dates of the unit landed now (empty when none landed); an empty
 *     unit contributes its report date
 */
public record SalesResult(
    String status,
    long rowCount,
    String unitKey,
    SortedSet<LocalDate> landedMetricDates,
    List<String> errors) {
  public static final String COMPLETE = "complete";
  public static final String EMPTY = "empty";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  public boolean landed() {
    return COMPLETE.equals(status) || EMPTY.equals(status);
  }
}
