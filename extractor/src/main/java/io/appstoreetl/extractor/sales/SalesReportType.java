package io.appstoreetl.extractor.sales;

import io.appstoreetl.extractor.raw.MetricDateScanner.DateForm;
import java.util.List;

/**
 * The Sales and Trends reports the extractor lands, with the {@code filter[reportType]} and {@code
 * filter[reportSubType]} Apple takes, the frequencies Apple offers, the version Apple's table lists
 * (the configured version replaces it, and a version error renegotiates it), and the column that
 * contains each row's metric date.
 */
public enum SalesReportType {
  SALES(
      "SALES",
      "SUMMARY",
      "sales_summary",
      List.of("DAILY", "WEEKLY", "MONTHLY"),
      "1_0",
      "SALES_REPORT_VERSION",
      "Begin Date",
      DateForm.US),
  // NOTE: the subscription summary has no date column that Apple documents; its rows' metric date
  // is the report date.
  SUBSCRIPTION(
      "SUBSCRIPTION",
      "SUMMARY",
      "subscription_summary",
      List.of("DAILY"),
      "1_3",
      "SUBSCRIPTION_REPORT_VERSION",
      null,
      null),
  // NOTE: the form of "Event Date" is not documented; both ISO and MM/DD/YYYY are read.
  SUBSCRIPTION_EVENT(
      "SUBSCRIPTION_EVENT",
      "SUMMARY",
      "subscription_event_summary",
      List.of("DAILY"),
      "1_3",
      "SUBSCRIPTION_EVENT_REPORT_VERSION",
      "Event Date",
      DateForm.ANY),
  SUBSCRIBER(
      "SUBSCRIBER",
      "DETAILED",
      "subscriber_detailed",
      List.of("DAILY"),
      "1_3",
      "SUBSCRIBER_REPORT_VERSION",
      "Event Date",
      DateForm.ANY);

  private final String reportType;
  private final String reportSubType;
  private final String slug;
  private final List<String> frequencies;
  private final String defaultVersion;
  private final String versionSetting;
  private final String dateColumn;
  private final DateForm dateForm;

  SalesReportType(
      String reportType,
      String reportSubType,
      String slug,
      List<String> frequencies,
      String defaultVersion,
      String versionSetting,
      String dateColumn,
      DateForm dateForm) {
    this.reportType = reportType;
    this.reportSubType = reportSubType;
    this.slug = slug;
    this.frequencies = frequencies;
    this.defaultVersion = defaultVersion;
    this.versionSetting = versionSetting;
    this.dateColumn = dateColumn;
    this.dateForm = dateForm;
  }

  public String reportType() {
    return reportType;
  }

  public String reportSubType() {
    return reportSubType;
  }

  /** Returns the report's slug in raw-zone keys. */
  public String slug() {
    return slug;
  }

  /** Returns the {@code report_name} of its manifests, such as {@code SALES SUMMARY}. */
  public String reportName() {
    return reportType + " " + reportSubType;
  }

  public List<String> frequencies() {
    return frequencies;
  }

  public String defaultVersion() {
    return defaultVersion;
  }

  /** Returns the environment variable that sets the version, such as SALES_REPORT_VERSION. */
  public String versionSetting() {
    return versionSetting;
  }

  /** Returns the column of each row's metric date, or {@code null} to use the report date. */
  public String dateColumn() {
    return dateColumn;
  }

  public DateForm dateForm() {
    return dateForm;
  }
}
