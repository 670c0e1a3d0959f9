package io.appstoreetl.launcher;

import io.appstoreetl.sandbox.GroundTruth;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import java.io.PrintStream;
import java.math.BigDecimal;
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
    printSearchTerms(out, date);
  }

  /** Prints the day's Apple Ads search-term totals per app, as of the sandbox's today. */
  private void printSearchTerms(PrintStream out, LocalDate date) {
    out.printf(
        "%n%-12s  %-13s  %-11s  %-5s  %-8s  %s%n",
        "app_apple_id", "search_terms", "impressions", "taps", "installs", "spend");
    for (String appId : appIds) {
      List<SearchTermTotal> rows =
          groundTruth.searchTermTotals(date, date).stream()
              .filter(row -> row.appAppleId().equals(appId))
              .toList();
      if (rows.isEmpty()) {
        continue;
      }
      long terms = rows.stream().filter(row -> !row.undisclosed()).count();
      long impressions = rows.stream().mapToLong(SearchTermTotal::impressions).sum();
      long taps = rows.stream().mapToLong(SearchTermTotal::taps).sum();
      long installs = rows.stream().mapToLong(SearchTermTotal::installs).sum();
      BigDecimal spend =
          rows.stream().map(SearchTermTotal::spend).reduce(BigDecimal.ZERO, BigDecimal::add);
      out.printf(
          "%-12s  %-13d  %-11d  %-5d  %-8d  %s %s%n",
          appId, terms, impressions, taps, installs, spend.toPlainString(), rows.get(0).currency());
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
