package io.appstoreetl.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/* The content of the sandbox's files, for checking what a pipeline made of them. Each row maps Apple's
 * header names to the values exactly as the file writes them ({@code ""} for an empty value), in
 * header order.
 */
public interface GroundTruth {

  /**
   * Returns the rows that the latest listed instance (processing date on or before today) contains
   * for the app, report and metric date, or an empty list when no listed instance contains the
   * date.
   *
   * @param reportName Apple's report name, such as {@code App Downloads Standard}
   * @throws IllegalArgumentException for an app id or report name the sandbox does not have
   */
  List<Map<String, String>> analyticsRows(String appId, String reportName, LocalDate metricDate);

  /**
   * Returns the rows of the daily SALES / SUMMARY file of that day (all apps of the vendor), or an
   * empty list when there is no file: a day without sales, or a day outside history start to
   * yesterday.
   */
  List<Map<String, String>> salesRows(LocalDate reportDate);

  /**
   * Returns the metric dates with analytics data as of today, sorted: the history start to
   * yesterday, less any dates whose instances have all passed Apple's 35-day retention.
   */
  List<LocalDate> metricDates();

  /** Returns whether the seeded calendar has no sales on that day. */
  boolean isNoSalesDay(LocalDate reportDate);
}
