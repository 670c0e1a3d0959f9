package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The analytics reports for which the sandbox generates rows: the Standard and Detailed levels of
 * downloads, discovery and engagement, sessions, installations and deletions, and purchases, and
 * App Crashes. Each has Apple's header order, its granularities and a default volume.
 */
public enum AnalyticsReportKind {
  // The names of these constants are part of every row's random seed: renaming one changes its
  // data.

  // Apple's report page lists weekly and monthly App Store Downloads for the Detailed report only.
  DOWNLOADS_STANDARD("App Downloads Standard", new DownloadRows(false), false, 250, 10_000),
  DOWNLOADS_DETAILED("App Downloads Detailed", new DownloadRows(true), true, 100, 10_000),
  ENGAGEMENT_STANDARD(
      "App Store Discovery and Engagement Standard", new EngagementRows(false), true, 450, 10_000),
  ENGAGEMENT_DETAILED(
      "App Store Discovery and Engagement Detailed", new EngagementRows(true), true, 100, 10_000),
  SESSIONS_STANDARD("App Sessions Standard", new SessionRows(false), true, 80, 10_000),
  SESSIONS_DETAILED("App Sessions Detailed", new SessionRows(true), true, 80, 10_000),
  INSTALLS_STANDARD(
      "App Store Installation and Deletion Standard", new InstallRows(false), true, 80, 10_000),
  INSTALLS_DETAILED(
      "App Store Installation and Deletion Detailed", new InstallRows(true), true, 80, 10_000),
  PURCHASES_STANDARD("App Store Purchases Standard", new PurchaseRows(false), true, 60, 10_000),
  PURCHASES_DETAILED("App Store Purchases Detailed", new PurchaseRows(true), true, 60, 10_000),
  // NOTE: Apple's pages do not say whether App Crashes has weekly and monthly instances, so the
  // sandbox gives it both. At most 24 of its 30 possible combinations per day leave room for the
  // combinations a restatement adds.
  CRASHES("App Crashes", new CrashRows(), true, 20, 24);

  private final String reportName;
  private final ReportRows rows;
  private final boolean weeklyAndMonthly;
  private final int defaultRowsPerDay;
  private final int maxRowsPerDay;

  AnalyticsReportKind(
      String reportName,
      ReportRows rows,
      boolean weeklyAndMonthly,
      int defaultRowsPerDay,
      int maxRowsPerDay) {
    this.reportName = reportName;
    this.rows = rows;
    this.weeklyAndMonthly = weeklyAndMonthly;
    this.defaultRowsPerDay = defaultRowsPerDay;
    this.maxRowsPerDay = maxRowsPerDay;
  }

  /** Returns Apple's report name, as in the {@code name} attribute of an analytics report. */
  public String reportName() {
    return reportName;
  }

  /** Returns the column names in Apple's order for this level. */
  public List<String> header() {
    return rows.header();
  }

  /** Returns the number of metric columns at the end of the header. */
  public int metricColumns() {
    return rows.metricColumns();
  }

  /** Returns the granularities Apple makes instances of, DAILY first. */
  public List<Granularity> granularities() {
    return weeklyAndMonthly
        ? List.of(Granularity.DAILY, Granularity.WEEKLY, Granularity.MONTHLY)
        : List.of(Granularity.DAILY);
  }

  /** Returns the rows per app and metric date when the configuration does not set them. */
  public int defaultRowsPerDay() {
    return defaultRowsPerDay;
  }

  /** Returns the most rows per app and metric date that the dimensions can make distinct. */
  public int maxRowsPerDay() {
    return maxRowsPerDay;
  }

  /** Finds a kind by Apple's report name, ignoring case. */
  public static Optional<AnalyticsReportKind> byReportName(String name) {
    return Arrays.stream(values()).filter(k -> k.reportName.equalsIgnoreCase(name)).findFirst();
  }

  /**
   * Returns a new row with random dimension values and metrics for the app and metric date.
   *
   * @param scale days of traffic the row sums, from {@link Granularity#metricScale()}
   */
  String[] randomRow(SplittableRandom random, SandboxApp app, LocalDate metricDate, int scale) {
    List<String> row = new ArrayList<>(header().size());
    row.add(metricDate.toString());
    row.add(app.name());
    row.add(app.id());
    rows.fillDimensions(random, app, metricDate, row);
    rows.fillMetrics(random, app, row, scale);
    if (row.size() != header().size()) {
      throw new IllegalStateException(
          "[BUG] "
              + reportName
              + " row has "
              + row.size()
              + " values for "
              + header().size()
              + " columns");
    }
    return row.toArray(new String[0]);
  }

  /** Returns the dimension values of a row joined by tabs: unique within one metric date. */
  String dimensionKey(String[] row) {
    return String.join("\t", Arrays.asList(row).subList(0, row.length - metricColumns()));
  }

  /** Raises the metrics of a row in place, as late events for the same day do. */
  void restateMetrics(SplittableRandom random, String[] row) {
    rows.restateMetrics(random, row);
  }
}
