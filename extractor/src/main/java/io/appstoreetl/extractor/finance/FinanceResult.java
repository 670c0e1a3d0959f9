package io.appstoreetl.extractor.finance;

import java.time.LocalDate;
import java.util.SortedSet;

/**
 * Outcome of one finance report for one region and fiscal month.
 *
 * @param status {@code complete} when a unit landed now, {@code unavailable} when Apple returned
 *     410 because the report is gone (a manifest records it), {@code skipped} when a unit had
 *     landed before, {@code pending} when Apple has no report yet (404), {@code forbidden} when the
 *     key's role may not read finance reports (403; recorded, not an error), {@code failed} on an
 *     error
 * @param message Apple's message for pending and forbidden, the error for failed; else null
 */
public record FinanceResult(
    String report,
    String region,
    String fiscalMonth,
    String status,
    long rowCount,
    long footerLines,
    String unitKey,
    SortedSet<LocalDate> landedMetricDates,
    String message) {
  public static final String COMPLETE = "complete";
  public static final String UNAVAILABLE = "unavailable";
  public static final String SKIPPED = "skipped";
  public static final String PENDING = "pending";
  public static final String FORBIDDEN = "forbidden";
  public static final String FAILED = "failed";

  public boolean landed() {
    return COMPLETE.equals(status);
  }

  public boolean failed() {
    return FAILED.equals(status);
  }
}
