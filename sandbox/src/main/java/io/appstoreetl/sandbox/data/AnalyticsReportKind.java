package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The analytics reports for which the sandbox generates rows, with Apple's Standard header order
 * and the glossary values of each dimension.
 */
public enum AnalyticsReportKind {
  /** {@code App Downloads Standard}: one row per download dimension combination, with Counts. */
  DOWNLOADS_STANDARD(
      "App Downloads Standard",
      List.of(
          "Date",
          "App Name",
          "App Apple Identifier",
          "Download Type",
          "App Version",
          "Device",
          "Platform Version",
          "Source Type",
          "Page Type",
          "Pre-Order",
          "Territory",
          "Counts"),
      1) {
    @Override
    void fillDimensions(SplittableRandom random, SandboxApp app, List<String> row) {
      row.add(DOWNLOAD_TYPES.pick(random));
      row.add(pickVersion(random, app));
      String device = DEVICES.pick(random);
      row.add(device);
      row.add(PLATFORM_VERSIONS.pick(random));
      row.add(DOWNLOAD_SOURCE_TYPES.pick(random));
      row.add(DOWNLOAD_PAGE_TYPES.pick(random));
      // NOTE: Apple documents Pre-Order as a flag but not its spelling, so the sandbox leaves it
      // empty, as the public fixtures of other clients do.
      row.add("");
      row.add(pickTerritory(random));
    }

    @Override
    void fillMetrics(SplittableRandom random, List<String> row) {
      // StrictMath, unlike Math, gives the same result on every JVM, so the data never depends on
      // which intrinsics the JIT uses.
      row.add(Long.toString(1 + (long) (StrictMath.pow(random.nextDouble(), 3) * 300)));
    }

    @Override
    void restateMetrics(SplittableRandom random, String[] row) {
      int counts = row.length - 1;
      row[counts] = Long.toString(Long.parseLong(row[counts]) + 1 + random.nextInt(5));
    }
  },

  /**
   * {@code App Store Discovery and Engagement Standard}: one row per event dimension combination,
   * with Counts and Unique Counts.
   */
  ENGAGEMENT_STANDARD(
      "App Store Discovery and Engagement Standard",
      List.of(
          "Date",
          "App Name",
          "App Apple Identifier",
          "Event",
          "Page Type",
          "Source Type",
          "Engagement Type",
          "Device",
          "Platform Version",
          "Territory",
          "Counts",
          "Unique Counts"),
      2) {
    @Override
    void fillDimensions(SplittableRandom random, SandboxApp app, List<String> row) {
      String event = EVENTS.pick(random);
      row.add(event);
      row.add(ENGAGEMENT_PAGE_TYPES.pick(random));
      row.add(ENGAGEMENT_SOURCE_TYPES.pick(random));
      // Only taps carry an engagement type; impressions and page views leave it empty.
      row.add(event.equals("Tap") ? ENGAGEMENT_TYPES.pick(random) : "");
      row.add(DEVICES.pick(random));
      row.add(PLATFORM_VERSIONS.pick(random));
      row.add(pickTerritory(random));
    }

    @Override
    void fillMetrics(SplittableRandom random, List<String> row) {
      String event = row.get(3);
      double scale =
          switch (event) {
            case "Impression" -> 2000;
            case "Page view" -> 400;
            default -> 100;
          };
      long counts = 1 + (long) (StrictMath.pow(random.nextDouble(), 2) * scale);
      long uniqueCounts = Math.max(1, counts - random.nextLong(counts / 4 + 1));
      row.add(Long.toString(counts));
      row.add(Long.toString(uniqueCounts));
    }

    @Override
    void restateMetrics(SplittableRandom random, String[] row) {
      int countsIndex = row.length - 2;
      int uniqueIndex = row.length - 1;
      int increase = 1 + random.nextInt(20);
      row[countsIndex] = Long.toString(Long.parseLong(row[countsIndex]) + increase);
      row[uniqueIndex] =
          Long.toString(Long.parseLong(row[uniqueIndex]) + random.nextInt(increase + 1));
    }
  };

  private static final WeightedChoice DOWNLOAD_TYPES =
      WeightedChoice.of(
          List.of("First-time Download", "Redownload", "Manual update", "Auto-update", "Restore"),
          30,
          15,
          10,
          40,
          5);

  private static final WeightedChoice DEVICES =
      WeightedChoice.of(List.of("iPhone", "iPad"), 72, 28);

  // Apple reports iPad data with an "iOS ..." platform version as well.
  private static final WeightedChoice PLATFORM_VERSIONS =
      WeightedChoice.of(
          List.of("iOS 18.2", "iOS 18.1", "iOS 18.0", "iOS 17.6", "iOS 16.7"), 30, 30, 15, 15, 10);

  private static final WeightedChoice DOWNLOAD_SOURCE_TYPES =
      WeightedChoice.of(
          List.of(
              "App Store search",
              "App Store browse",
              "App referrer",
              "Web referrer",
              "App Clip",
              "Unavailable",
              "Institutional purchase"),
          40,
          25,
          12,
          8,
          2,
          10,
          3);

  private static final WeightedChoice DOWNLOAD_PAGE_TYPES =
      WeightedChoice.of(
          List.of("Product page", "In-App event", "Store sheet", "No Page"), 45, 5, 20, 30);

  private static final WeightedChoice EVENTS =
      WeightedChoice.of(List.of("Impression", "Page view", "Tap"), 45, 30, 25);

  private static final WeightedChoice ENGAGEMENT_PAGE_TYPES =
      WeightedChoice.of(
          List.of(
              "No page",
              "In-app event",
              "Notification",
              "Product page",
              "Store sheet",
              "App version history",
              "App privacy",
              "Developer page",
              "App accessibility",
              "Media view"),
          20,
          5,
          3,
          35,
          15,
          5,
          4,
          5,
          3,
          5);

  private static final WeightedChoice ENGAGEMENT_SOURCE_TYPES =
      WeightedChoice.of(
          List.of(
              "App Store search",
              "App Store browse",
              "App referrer",
              "Web referrer",
              "App Clip",
              "Notification",
              "Unavailable"),
          40,
          25,
          10,
          8,
          2,
          5,
          10);

  private static final WeightedChoice ENGAGEMENT_TYPES =
      WeightedChoice.of(
          List.of(
              "Get",
              "Update",
              "Redownload",
              "Open",
              "IAE reminder",
              "IAE reminder deactivated",
              "Notification tap",
              "Share"),
          40,
          15,
          10,
          20,
          3,
          2,
          5,
          5);

  private static final WeightedChoice TERRITORIES = territoryChoice();

  private final String reportName;
  private final List<String> header;
  private final int metricColumns;

  AnalyticsReportKind(String reportName, List<String> header, int metricColumns) {
    this.reportName = reportName;
    this.header = header;
    this.metricColumns = metricColumns;
  }

  /** Returns Apple's report name, as in the {@code name} attribute of an analytics report. */
  public String reportName() {
    return reportName;
  }

  /** Returns the column names in Apple's Standard order. */
  public List<String> header() {
    return header;
  }

  /** Returns the number of metric columns at the end of the header. */
  public int metricColumns() {
    return metricColumns;
  }

  /** Returns a new row with random dimension values and metrics for the app and metric date. */
  String[] randomRow(SplittableRandom random, SandboxApp app, LocalDate metricDate) {
    List<String> row = new ArrayList<>(header.size());
    row.add(metricDate.toString());
    row.add(app.name());
    row.add(app.id());
    fillDimensions(random, app, row);
    fillMetrics(random, row);
    if (row.size() != header.size()) {
      throw new IllegalStateException(
          "[BUG] "
              + reportName
              + " row has "
              + row.size()
              + " values for "
              + header.size()
              + " columns");
    }
    return row.toArray(new String[0]);
  }

  /** Returns the dimension values of a row joined by tabs: unique within one metric date. */
  String dimensionKey(String[] row) {
    return String.join("\t", java.util.Arrays.asList(row).subList(0, row.length - metricColumns));
  }

  abstract void fillDimensions(SplittableRandom random, SandboxApp app, List<String> row);

  abstract void fillMetrics(SplittableRandom random, List<String> row);

  /** Raises the metrics of a row in place, as late events for the same day do. */
  abstract void restateMetrics(SplittableRandom random, String[] row);

  private static String pickVersion(SplittableRandom random, SandboxApp app) {
    // Newer versions get most of the traffic: weights 10, 30 and 60 for three versions.
    List<String> versions = app.versions();
    int[] weights = new int[versions.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i == weights.length - 1 ? 60 : (i == weights.length - 2 ? 30 : 10);
    }
    return WeightedChoice.of(versions, weights).pick(random);
  }

  private static String pickTerritory(SplittableRandom random) {
    return TERRITORIES.pick(random);
  }

  private static WeightedChoice territoryChoice() {
    List<String> names = new ArrayList<>();
    int[] weights = new int[Territory.ALL.size()];
    for (int i = 0; i < Territory.ALL.size(); i++) {
      names.add(Territory.ALL.get(i).name());
      weights[i] = Territory.ALL.get(i).weight();
    }
    return WeightedChoice.of(names, weights);
  }
}
