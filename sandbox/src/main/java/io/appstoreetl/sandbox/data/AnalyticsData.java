package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the analytics rows of one app, report and metric date as a given instance contains
 * them.
 *
 * <p>The first DAILY instance that contains a metric date gets a seeded set of distinct dimension
 * combinations. Each later instance restates the previous one's rows: it raises the metrics of some
 * rows, drops some combinations and adds new ones. Each of the three happens at least once per
 * restatement, so a client that keeps an earlier instance's rows can be caught.
 *
 * <p>A WEEKLY or MONTHLY period appears in one instance only, complete, so its rows are never
 * restated, and their metrics are scaled up to the length of the period.
 */
public final class AnalyticsData {

  /** Attempts per target row before generation gives up on finding distinct combinations. */
  private static final int ATTEMPTS_PER_ROW = 100;

  private final long seed;
  private final Map<AnalyticsReportKind, Integer> rowsPerDay;

  /**
   * Creates a generator.
   *
   * @param rowsPerDay rows per app and metric date in the first instance that contains the date. A
   *     kind missing from the map gets its {@link AnalyticsReportKind#defaultRowsPerDay()}
   */
  public AnalyticsData(long seed, Map<AnalyticsReportKind, Integer> rowsPerDay) {
    this.seed = seed;
    this.rowsPerDay = Map.copyOf(rowsPerDay);
  }

  /** Returns the rows per app and metric date of the first instance that contains a date. */
  public int rowsPerDay(AnalyticsReportKind kind) {
    return rowsPerDay.getOrDefault(kind, kind.defaultRowsPerDay());
  }

  /**
   * Returns the rows of a weekly or monthly period in header order. DAILY gives the first version
   * of that day.
   *
   * @param periodStart the first day of the period, the value of the rows' {@code Date}
   */
  public List<String[]> periodRows(
      SandboxApp app, AnalyticsReportKind kind, Granularity granularity, LocalDate periodStart) {
    if (granularity == Granularity.DAILY) {
      return rows(app, kind, periodStart, 1);
    }
    SplittableRandom random =
        Seeds.random(seed, "analytics", kind, app.id(), granularity, periodStart, "first");
    return new ArrayList<>(
        distinctRows(app, kind, periodStart, granularity.metricScale(), random).values());
  }

  /**
   * Returns the rows of the metric date in header order, as the instance with this version contains
   * them.
   *
   * @param version 1 for the first instance that contains the metric date, 2 for the next, and so
   *     on
   */
  public List<String[]> rows(
      SandboxApp app, AnalyticsReportKind kind, LocalDate metricDate, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("Invalid version: " + version + " (expected 1 or more)");
    }
    Map<String, String[]> rows = firstRows(app, kind, metricDate);
    for (int step = 2; step <= version; step++) {
      restate(app, kind, metricDate, step, rows);
    }
    return new ArrayList<>(rows.values());
  }

  private Map<String, String[]> firstRows(
      SandboxApp app, AnalyticsReportKind kind, LocalDate metricDate) {
    SplittableRandom random = Seeds.random(seed, "analytics", kind, app.id(), metricDate, "first");
    return distinctRows(app, kind, metricDate, 1, random);
  }

  private Map<String, String[]> distinctRows(
      SandboxApp app,
      AnalyticsReportKind kind,
      LocalDate metricDate,
      int scale,
      SplittableRandom random) {
    int targetCount = rowsPerDay(kind);
    Map<String, String[]> rows = new LinkedHashMap<>();
    int attempts = 0;
    while (rows.size() < targetCount) {
      if (++attempts > targetCount * ATTEMPTS_PER_ROW) {
        throw new IllegalStateException(
            "Cannot generate "
                + targetCount
                + " distinct "
                + kind.reportName()
                + " rows for app "
                + app.id()
                + " on "
                + metricDate
                + ": found "
                + rows.size()
                + "; lower the rows per day");
      }
      String[] row = kind.randomRow(random, app, metricDate, scale);
      rows.putIfAbsent(kind.dimensionKey(row), row);
    }
    return rows;
  }

  /** Turns the rows of the previous instance into this instance's rows, in place. */
  private void restate(
      SandboxApp app,
      AnalyticsReportKind kind,
      LocalDate metricDate,
      int step,
      Map<String, String[]> rows) {
    SplittableRandom random =
        Seeds.random(seed, "analytics", kind, app.id(), metricDate, "restatement", step);
    List<String> keys = new ArrayList<>(rows.keySet());
    Set<String> previousKeys = new HashSet<>(keys);
    int size = keys.size();
    int changeCount = Math.max(1, size / 30);
    int dropCount = Math.max(1, size / 100);
    int addCount = Math.max(1, size / 100);

    // Distinct positions: the first changeCount are changed, the next dropCount are dropped.
    List<Integer> positions = distinctPositions(random, size, changeCount + dropCount);
    for (int i = 0; i < changeCount; i++) {
      String key = keys.get(positions.get(i));
      String[] changed = rows.get(key).clone();
      kind.restateMetrics(random, changed);
      rows.put(key, changed);
    }
    for (int i = changeCount; i < positions.size(); i++) {
      rows.remove(keys.get(positions.get(i)));
    }

    int added = 0;
    int attempts = 0;
    while (added < addCount && attempts++ < addCount * ATTEMPTS_PER_ROW) {
      String[] row = kind.randomRow(random, app, metricDate, 1);
      String key = kind.dimensionKey(row);
      if (!previousKeys.contains(key) && !rows.containsKey(key)) {
        rows.put(key, row);
        added++;
      }
    }
  }

  private static List<Integer> distinctPositions(SplittableRandom random, int size, int count) {
    int targetCount = Math.min(count, size);
    Set<Integer> seen = new HashSet<>();
    List<Integer> positions = new ArrayList<>(targetCount);
    while (positions.size() < targetCount) {
      int position = random.nextInt(size);
      if (seen.add(position)) {
        positions.add(position);
      }
    }
    return positions;
  }
}
