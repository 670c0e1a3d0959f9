package io.appstoreetl.extractor.ads;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Outcome of the Apple Ads step of a run.
 *
 * @param status {@code skipped} (not configured), {@code complete}, {@code partial} (some campaigns
 *     failed) or {@code failed} (nothing could be listed)
 * @param reason why the step was skipped or failed, else null
 * @param startDate first requested metric date, in the ad account's time zone; null if not reached
 * @param endDate last requested metric date; null if not reached
 * @param campaignsListed campaigns in the listing
 * @param campaignsReported campaigns whose search-terms report landed
 * @param campaignsWithoutSearchTerms campaigns skipped because they cannot have search terms
 * @param rowCount report rows landed over all campaigns
 * @param units keys of the units landed (the listing first)
 * @param metricDates metric dates present in the landed report rows
 * @param errors one message per failure; the other campaigns went on
 */
public record AppleAdsResult(
    String status,
    String reason,
    String orgId,
    String adAccountId,
    String timeZone,
    LocalDate startDate,
    LocalDate endDate,
    int campaignsListed,
    int campaignsReported,
    int campaignsWithoutSearchTerms,
    long rowCount,
    List<String> units,
    SortedSet<LocalDate> metricDates,
    List<String> errors) {
  public static final String SKIPPED = "skipped";
  public static final String COMPLETE = "complete";
  public static final String PARTIAL = "partial";
  public static final String FAILED = "failed";

  public AppleAdsResult {
    units = List.copyOf(units);
    metricDates = new TreeSet<>(metricDates);
    errors = List.copyOf(errors);
  }

  /** Returns the result of a run without Apple Ads credentials. */
  public static AppleAdsResult skipped(String reason) {
    return new AppleAdsResult(
        SKIPPED,
        reason,
        null,
        null,
        null,
        null,
        null,
        0,
        0,
        0,
        0,
        List.of(),
        new TreeSet<>(),
        List.of());
  }

  public boolean skipped() {
    return SKIPPED.equals(status);
  }
}
