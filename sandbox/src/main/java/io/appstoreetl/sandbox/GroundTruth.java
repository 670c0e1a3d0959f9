package io.appstoreetl.sandbox;

import io.appstoreetl.sandbox.ads.SearchTermTotal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The content of the sandbox's files and pages, for checking what a pipeline made of them. Each row
 * maps Apple's header names to the values exactly as the file writes them ({@code ""} for an empty
 * value), in header order.
 */
public interface GroundTruth {

  /**
   * Returns the rows that the latest listed DAILY instance (processing date on or before today)
   * contains for the app, report and metric date, or an empty list when no listed instance contains
   * the date. Listed instances are the ONGOING ones kept for 35 days and, when the app has a
   * ONE_TIME_SNAPSHOT request, the snapshot's.
   *
   * @param reportName Apple's report name, such as {@code App Downloads Standard}
   * @throws IllegalArgumentException for an app id or report name the sandbox does not have
   */
  List<Map<String, String>> analyticsRows(String appId, String reportName, LocalDate metricDate);

  /**
   * Returns the rows of the listed instance of that granularity that contains the period, or an
   * empty list when no listed instance contains it. DAILY gives the same rows as {@link
   * #analyticsRows(String, String, LocalDate)}.
   *
   * @param granularity {@code DAILY}, {@code WEEKLY} or {@code MONTHLY}
   * @param periodStart the metric date, the Monday of the week, or the 1st of the month: the value
   *     of the rows' {@code Date}
   * @throws IllegalArgumentException for an unknown app, report or granularity, or a period start
   *     that does not start a period of that granularity
   */
  List<Map<String, String>> analyticsRows(
      String appId, String reportName, String granularity, LocalDate periodStart);

  /**
   * Returns the rows of the daily SALES / SUMMARY file of that day (all apps of the vendor), or an
   * empty list when there is no file: a day without sales, or a day outside history start to
   * yesterday.
   */
  List<Map<String, String>> salesRows(LocalDate reportDate);

  /**
   * Returns the rows of a Sales and Trends file, or an empty list when the file has no rows or its
   * period has not ended before today. Whether the API serves the file on a given day (publication
   * delay, retention) does not change the rows.
   *
   * @param reportType {@code SALES}, {@code SUBSCRIPTION}, {@code SUBSCRIPTION_EVENT} or {@code
   *     SUBSCRIBER}
   * @param frequency {@code DAILY}, or for SALES also {@code WEEKLY} or {@code MONTHLY}
   * @param reportDate the day, the week's ending Sunday, or the 1st of the month
   * @throws IllegalArgumentException for an unknown type, an unsupported frequency or a report date
   *     of the wrong form
   */
  List<Map<String, String>> salesRows(String reportType, String frequency, LocalDate reportDate);

  /**
   * Returns the data rows of a finance report, without its footer lines, or an empty list for a
   * month that has not ended before today or that has no paid sales.
   *
   * @param reportType {@code FINANCIAL} (with {@code ZZ} or a region code) or {@code
   *     FINANCE_DETAIL} (with {@code Z1})
   * @throws IllegalArgumentException for an unknown type or region, or a combination Apple rejects
   */
  List<Map<String, String>> financeRows(String regionCode, String reportType, YearMonth month);

  /**
   * Returns the app's customer reviews visible now, newest first: {@code id}, {@code rating},
   * {@code title}, {@code body}, {@code reviewerNickname}, {@code createdDate} (as the API writes
   * it) and {@code territory}. Deleted reviews are left out and edited ones carry their new body.
   *
   * @throws IllegalArgumentException for an app the sandbox does not have
   */
  List<Map<String, String>> reviews(String appId);

  /**
   * Returns the metric dates with analytics data as of today, sorted: the history start to
   * yesterday, less any dates whose ONGOING instances have all passed Apple's 35-day retention.
   */
  List<LocalDate> metricDates();

  /** Returns whether the seeded calendar has no sales on that day. */
  boolean isNoSalesDay(LocalDate reportDate);

  /** Returns the ids of the apps the API lists now, including apps added while running. */
  List<String> appIds();

  /**
   * Returns the {@code search_terms} rows that curation must produce from the Apple Ads
   * search-terms reports for the metric dates {@code from} to {@code to} (both included), as of
   * today: installs of the last 30 days are still growing, so the rows are those of a run made
   * today. Each row sums every campaign of the app, every ad group and every keyword per (app,
   * metric date, term, term source, country). Rows Apple sends without a term are summed into one
   * row per app and day, with term, term source and country null and {@code undisclosed} true.
   * Dates before the history start, and today and later, have no rows. Sorted by app, date,
   * undisclosed last, term, term source and country.
   */
  List<SearchTermTotal> searchTermTotals(LocalDate from, LocalDate to);
}
