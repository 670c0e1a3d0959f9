package io.appstoreetl.sandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The row generator of one analytics report level: its header in Apple's order and how it draws
 * dimension values and metrics. Every row starts with {@code Date}, {@code App Name} and {@code App
 * Apple Identifier} (App Crashes included), and the metric columns come last.
 *
 * <p>A Detailed generator draws the Standard values in the same order and the Detailed-only values
 * ({@code Source Info}, {@code Campaign}, {@code Page Title}) in between, so that the Standard
 * reports keep their data when the Detailed ones change.
 */
abstract class ReportRows {

  /** Prefix of a column name that only the Detailed level has. */
  private static final String DETAILED_ONLY = "D:";

  private final List<String> header;
  private final int metricColumns;
  final boolean detailed;

  /**
   * Creates a generator.
   *
   * @param columns Apple's columns in order, with {@code D:} before those of the Detailed level
   */
  ReportRows(boolean detailed, int metricColumns, String... columns) {
    List<String> names = new ArrayList<>();
    for (String column : columns) {
      if (!column.startsWith(DETAILED_ONLY)) {
        names.add(column);
      } else if (detailed) {
        names.add(column.substring(DETAILED_ONLY.length()));
      }
    }
    this.header = List.copyOf(names);
    this.metricColumns = metricColumns;
    this.detailed = detailed;
  }

  List<String> header() {
    return header;
  }

  int metricColumns() {
    return metricColumns;
  }

  /** Appends the dimension values after Date, App Name and App Apple Identifier. */
  abstract void fillDimensions(
      SplittableRandom random, SandboxApp app, LocalDate metricDate, List<String> row);

  /**
   * Appends the metrics.
   *
   * @param scale days of traffic the row sums: 1 for DAILY, 7 for WEEKLY, 30 for MONTHLY
   */
  abstract void fillMetrics(SplittableRandom random, SandboxApp app, List<String> row, int scale);

  /** Raises the metrics of a row in place, as late events for the same day do. */
  abstract void restateMetrics(SplittableRandom random, String[] row);

  /** Appends Source Type and, for Detailed rows, Source Info and Campaign. */
  final String addSourceType(
      SplittableRandom random, WeightedChoice sourceTypes, List<String> row) {
    String sourceType = sourceTypes.pick(random);
    row.add(sourceType);
    if (detailed) {
      row.add(Glossary.sourceInfo(random, sourceType));
      row.add(Glossary.campaign(random));
    }
    return sourceType;
  }

  /** Appends Page Type and, for Detailed rows, Page Title. */
  final void addPageType(SplittableRandom random, WeightedChoice pageTypes, List<String> row) {
    String pageType = pageTypes.pick(random);
    row.add(pageType);
    if (detailed) {
      row.add(Glossary.pageTitle(random, pageType));
    }
  }

  /**
   * Returns the smallest count a row may carry: Apple omits Detailed values from fewer than five
   * users or devices.
   */
  final long minimumCount() {
    return detailed ? 5 : 1;
  }

  static String usd(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
