package io.appstoreetl.curation.load;

import io.appstoreetl.curation.TextTable;
import io.appstoreetl.tables.Tables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Per-app totals of one metric date, read back from the curated tables.
 *
 * <p>Analytics totals use the Standard DAILY rows only, because the Detailed report repeats the
 * same downloads and events in finer rows. Download types and events are compared
 * case-insensitively, because Apple's glossaries capitalise them differently. Total downloads are
 * first-time downloads plus redownloads (written {@code Redownload} or {@code Re-download});
 * updates and restores are not downloads. Proceeds are summed per currency of proceeds without
 * exchange rates.
 */
public final class DailySummary {

  /** Analytics totals of one app. */
  public record AppTotals(
      long appId,
      long firstTimeDownloads,
      long totalDownloads,
      long impressions,
      long productPageViews) {}

  /** Sales proceeds of one app (null when unattributed) in one currency. */
  public record AppProceeds(Long appId, String currency, BigDecimal proceeds) {}

  /** The summary of one date. */
  public record Summary(LocalDate metricDate, List<AppTotals> apps, List<AppProceeds> proceeds) {}

  private DailySummary() {}

  public static Summary compute(SparkSession spark, IcebergTables tables, LocalDate metricDate) {
    String day = "DATE '" + metricDate + "'";
    Map<Long, long[]> totals = new TreeMap<>();

    List<Row> downloads =
        spark
            .sql(
                "SELECT app_apple_id,"
                    + " sum(CASE WHEN lower(download_type) = 'first-time download'"
                    + " THEN counts ELSE 0 END),"
                    + " sum(CASE WHEN lower(download_type)"
                    + " IN ('first-time download', 'redownload', 're-download')"
                    + " THEN counts ELSE 0 END)"
                    + " FROM "
                    + tables.qualifiedName(Tables.DOWNLOADS)
                    + " WHERE metric_date = "
                    + day
                    + " AND granularity = 'DAILY' AND report_variant = 'Standard'"
                    + " GROUP BY app_apple_id")
            .collectAsList();
    for (Row row : downloads) {
      long[] app = totals.computeIfAbsent(row.getLong(0), id -> new long[4]);
      app[0] = longOrZero(row, 1);
      app[1] = longOrZero(row, 2);
    }

    List<Row> engagement =
        spark
            .sql(
                "SELECT app_apple_id,"
                    + " sum(CASE WHEN lower(event) = 'impression' THEN counts ELSE 0 END),"
                    + " sum(CASE WHEN lower(event) = 'page view' THEN counts ELSE 0 END)"
                    + " FROM "
                    + tables.qualifiedName(Tables.ENGAGEMENT)
                    + " WHERE metric_date = "
                    + day
                    + " AND granularity = 'DAILY' AND report_variant = 'Standard'"
                    + " GROUP BY app_apple_id")
            .collectAsList();
    for (Row row : engagement) {
      long[] app = totals.computeIfAbsent(row.getLong(0), id -> new long[4]);
      app[2] = longOrZero(row, 1);
      app[3] = longOrZero(row, 2);
    }

    List<AppTotals> apps = new ArrayList<>();
    totals.forEach(
        (appId, values) ->
            apps.add(new AppTotals(appId, values[0], values[1], values[2], values[3])));

    List<AppProceeds> proceeds = new ArrayList<>();
    List<Row> sales =
        spark
            .sql(
                "SELECT app_apple_id, currency_of_proceeds, sum(proceeds) FROM "
                    + tables.qualifiedName(Tables.SALES)
                    + " WHERE metric_date = "
                    + day
                    + " AND granularity = 'DAILY'"
                    + " GROUP BY app_apple_id, currency_of_proceeds"
                    + " ORDER BY app_apple_id NULLS LAST, currency_of_proceeds")
            .collectAsList();
    for (Row row : sales) {
      proceeds.add(
          new AppProceeds(
              row.isNullAt(0) ? null : row.getLong(0), row.getString(1), row.getDecimal(2)));
    }

    return new Summary(metricDate, apps, proceeds);
  }

  /** Returns the summary as two text tables: analytics totals, then proceeds. */
  public static String render(Summary summary) {
    StringBuilder out = new StringBuilder();
    out.append("Summary for ")
        .append(summary.metricDate())
        .append(" (analytics: Standard DAILY rows; sales: DAILY rows)\n");

    TextTable apps =
        new TextTable(
            List.of(
                "app_apple_id",
                "first_time_downloads",
                "total_downloads",
                "impressions",
                "product_page_views"));
    for (AppTotals app : summary.apps()) {
      apps.addRow(
          List.of(
              app.appId(),
              app.firstTimeDownloads(),
              app.totalDownloads(),
              app.impressions(),
              app.productPageViews()));
    }
    out.append(apps.isEmpty() ? "No analytics rows.\n" : apps.render()).append('\n');

    TextTable proceeds = new TextTable(List.of("app_apple_id", "currency_of_proceeds", "proceeds"));
    for (AppProceeds row : summary.proceeds()) {
      List<Object> cells = new ArrayList<>();
      cells.add(row.appId());
      cells.add(row.currency());
      cells.add(row.proceeds() == null ? null : row.proceeds().toPlainString());
      proceeds.addRow(cells);
    }
    out.append(proceeds.isEmpty() ? "No sales rows.\n" : proceeds.render());

    return out.toString();
  }

  private static long longOrZero(Row row, int index) {
    return row.isNullAt(index) ? 0 : row.getLong(index);
  }
}
