package io.appstoreetl.launcher;

import io.appstoreetl.sandbox.GroundTruth;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Prints the sandbox's own totals for a day, computed from its ground truth rather than from the
 * tables, so that a person can compare them with the Spark job's summary printed just above.
 */
final class GroundTruthSummary {

  private static final String DOWNLOADS = "App Downloads Standard";
  private static final String ENGAGEMENT = "App Store Discovery and Engagement Standard";

  private final GroundTruth groundTruth;
  private final List<String> appIds;

  GroundTruthSummary(GroundTruth groundTruth, List<String> appIds) {
    this.groundTruth = groundTruth;
    this.appIds = appIds;
  }

  void print(PrintStream out, LocalDate date) {
    out.printf("%nSandbox ground truth for %s (what the tables above must show)%n", date);
    out.printf(
        "%-12s  %-20s  %-15s  %-11s  %s%n",
        "app_apple_id",
        "first_time_downloads",
        "total_downloads",
        "impressions",
        "product_page_views");
    for (String appId : appIds) {
      List<Map<String, String>> downloads = groundTruth.analyticsRows(appId, DOWNLOADS, date);
      List<Map<String, String>> engagement = groundTruth.analyticsRows(appId, ENGAGEMENT, date);
      long firstTime = sum(downloads, "Download Type", "First-time download");
      long total = firstTime + sum(downloads, "Download Type", "Redownload");
      long impressions = sum(engagement, "Event", "Impression");
      long pageViews = sum(engagement, "Event", "Page view");
      out.printf(
          "%-12s  %-20d  %-15d  %-11d  %d%n", appId, firstTime, total, impressions, pageViews);
    }
  }

  /** Sums {@code Counts} over the rows whose {@code column} equals {@code value}, ignoring case. */
  private static long sum(List<Map<String, String>> rows, String column, String value) {
    long total = 0;
    for (Map<String, String> row : rows) {
      if (value.equalsIgnoreCase(row.getOrDefault(column, "").strip())) {
        total += Long.parseLong(row.get("Counts").strip());
      }
    }
    return total;
  }
}
