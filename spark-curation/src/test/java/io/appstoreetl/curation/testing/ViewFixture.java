package io.appstoreetl.curation.testing;

import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.SparkSchemas;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Known rows for the committed Athena views and the rows each view must return over them, shared by
 * the Spark test of the views and the Trino test of the same views.
 *
 * <p>Each known row that a view must leave out (a Detailed row, a WEEKLY row, an event or download
 * type that the metric does not count) carries a count large enough to show up in any total.
 */
public final class ViewFixture {
  public static final long APP_A = 1000000001L;
  public static final long APP_B = 1000000002L;
  public static final LocalDate DAY_1 = LocalDate.of(2025, 3, 1);
  public static final LocalDate DAY_2 = LocalDate.of(2025, 3, 2);

  /** The tables that the views read. */
  public static final List<TableDefinition> VIEW_SOURCES =
      List.of(
          Tables.DOWNLOADS,
          Tables.ENGAGEMENT,
          Tables.INSTALLS_DELETIONS,
          Tables.SESSIONS,
          Tables.PURCHASES,
          Tables.SALES,
          Tables.SUBSCRIPTIONS,
          Tables.SUBSCRIPTION_EVENTS);

  /** The order that {@link #expectedRows} follows, in SQL both engines accept. */
  public static final String ORDER_BY = " ORDER BY 1 NULLS FIRST, 2, 3";

  private ViewFixture() {}

  /** Creates the source tables from their definitions and inserts the known rows. */
  public static void createTablesWithKnownRows(IcebergTables tables) {
    for (TableDefinition table : VIEW_SOURCES) {
      tables.createOrEvolve(table);
    }
    insertAnalyticsRows(tables);
    insertSalesRows(tables);
    insertSubscriptionRows(tables);
  }

  /** Returns the file names of the committed views, sorted. */
  public static List<String> viewFiles() throws IOException {
    try (Stream<Path> files = Files.list(AthenaSql.FOLDER.resolve("views"))) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Returns the rows a view must return over the known rows, in the order of {@link #ORDER_BY}, as
   * Java values: {@code Long} for BIGINT, {@code Double} for DOUBLE, {@code BigDecimal} for
   * DECIMAL, {@code LocalDate} for DATE.
   */
  public static List<List<Object>> expectedRows(String view) {
    return switch (view) {
      case "app_daily_metrics" ->
          List.of(
              // App A on day 1: first-time downloads in either capitalisation, plus 4
              // redownloads; impressions, unique impressions, page views; conversion; installs,
              // deletions; sessions, active devices; proceeds in USD.
              Arrays.asList(
                  APP_A, DAY_1, 15L, 19L, 260L, 120L, 50L, 19.0 / 120, 12L, 2L, 50L, 20L, 1.75),
              // App A on day 2, with purchases only.
              Arrays.asList(APP_A, DAY_2, 0L, 0L, 0L, 0L, 0L, null, 0L, 0L, 0L, 0L, 2.0),
              // App B on day 1, with downloads only.
              Arrays.asList(APP_B, DAY_1, 0L, 3L, 0L, 0L, 0L, null, 0L, 0L, 0L, 0L, 0.0));
      case "app_daily_proceeds" ->
          List.of(
              Arrays.asList(null, DAY_1, "USD", new BigDecimal("1.00"), new BigDecimal("0.5000")),
              Arrays.asList(APP_A, DAY_1, "EUR", new BigDecimal("2.00"), new BigDecimal("1.2000")),
              Arrays.asList(APP_A, DAY_1, "USD", new BigDecimal("2.00"), new BigDecimal("1.4000")));
      case "app_daily_subscriptions" ->
          List.of(
              Arrays.asList(APP_A, DAY_1, 20L, 5L, 3L), Arrays.asList(APP_A, DAY_2, 0L, 0L, 4L));
      default -> throw new IllegalArgumentException("No expected rows for view " + view);
    };
  }

  private static void insertAnalyticsRows(IcebergTables tables) {
    TableDefinition downloads = Tables.DOWNLOADS;
    insert(
        tables,
        downloads,
        analytics(APP_A, DAY_1, "Standard", "DAILY", "download_type", "First-time download", 10L),
        analytics(APP_A, DAY_1, "Standard", "DAILY", "download_type", "first-time download", 5L),
        analytics(APP_A, DAY_1, "Standard", "DAILY", "download_type", "Redownload", 4L),
        analytics(APP_A, DAY_1, "Standard", "DAILY", "download_type", "Manual update", 100L),
        analytics(APP_A, DAY_1, "Detailed", "DAILY", "download_type", "First-time download", 1000L),
        analytics(APP_A, DAY_1, "Standard", "WEEKLY", "download_type", "Redownload", 2000L),
        analytics(APP_B, DAY_1, "Standard", "DAILY", "download_type", "Redownload", 3L));

    insert(
        tables,
        Tables.ENGAGEMENT,
        engagement(APP_A, "Standard", "Impression", 200L, 100L),
        engagement(APP_A, "Standard", "Impression", 60L, 20L),
        engagement(APP_A, "Standard", "Page view", 50L, 30L),
        engagement(APP_A, "Standard", "Tap", 7000L, 7000L),
        engagement(APP_A, "Detailed", "Impression", 9000L, 9000L));

    insert(
        tables,
        Tables.INSTALLS_DELETIONS,
        analytics(APP_A, DAY_1, "Standard", "DAILY", "event", "Install", 12L),
        analytics(APP_A, DAY_1, "Standard", "DAILY", "event", "Delete", 2L),
        analytics(APP_A, DAY_1, "Detailed", "DAILY", "event", "Install", 5000L));

    Map<String, Object> sessions = analytics(APP_A, DAY_1, "Standard", "DAILY", null, null, null);
    sessions.put("sessions", 40L);
    sessions.put("unique_devices", 15L);
    Map<String, Object> moreSessions =
        analytics(APP_A, DAY_1, "Standard", "DAILY", null, null, null);
    moreSessions.put("sessions", 10L);
    moreSessions.put("unique_devices", 5L);
    Map<String, Object> weeklySessions =
        analytics(APP_A, DAY_1, "Standard", "WEEKLY", null, null, null);
    weeklySessions.put("sessions", 3000L);
    weeklySessions.put("unique_devices", 3000L);
    insert(tables, Tables.SESSIONS, sessions, moreSessions, weeklySessions);

    insert(
        tables,
        Tables.PURCHASES,
        purchase(APP_A, DAY_1, "Standard", 2L, 1.5),
        purchase(APP_A, DAY_1, "Standard", 1L, 0.25),
        purchase(APP_A, DAY_1, "Detailed", 1L, 400.0),
        purchase(APP_A, DAY_2, "Standard", 1L, 2.0));
  }

  private static void insertSalesRows(IcebergTables tables) {
    insert(
        tables,
        Tables.SALES,
        sale(APP_A, "DAILY", "USD", "3.00", "2.1000"),
        sale(APP_A, "DAILY", "USD", "-1.00", "-0.7000"),
        sale(APP_A, "DAILY", "EUR", "2.00", "1.2000"),
        sale(null, "DAILY", "USD", "1.00", "0.5000"),
        sale(APP_A, "WEEKLY", "USD", "100.00", "70.0000"));
  }

  private static void insertSubscriptionRows(IcebergTables tables) {
    Map<String, Object> mixed = subscription(DAY_1, "DAILY", 10L);
    mixed.put("active_free_trial_introductory_offer_subscriptions", 4L);
    mixed.put("active_pay_up_front_introductory_offer_subscriptions", 2L);
    mixed.put("free_trial_offer_code_subscriptions", 1L);
    mixed.put("pay_as_you_go_offer_code_subscriptions", 3L);
    insert(
        tables,
        Tables.SUBSCRIPTIONS,
        mixed,
        subscription(DAY_1, "DAILY", 5L),
        subscription(DAY_1, "WEEKLY", 999L));

    insert(
        tables,
        Tables.SUBSCRIPTION_EVENTS,
        subscriptionEvent(DAY_1, "DAILY", "Cancel", 2L),
        subscriptionEvent(DAY_1, "DAILY", "Cancel", 1L),
        subscriptionEvent(DAY_1, "DAILY", "Subscribe", 70L),
        subscriptionEvent(DAY_1, "WEEKLY", "Cancel", 80L),
        subscriptionEvent(DAY_2, "DAILY", "Cancel", 4L));
  }

  /** Returns the not-null columns of a report row and, when {@code column} is set, one more. */
  private static Map<String, Object> analytics(
      long app,
      LocalDate day,
      String variant,
      String granularity,
      String column,
      String value,
      Long counts) {
    Map<String, Object> row = lineage(day, granularity, variant);
    row.put("app_apple_id", app);
    if (column != null) {
      row.put(column, value);
      row.put("counts", counts);
    }

    return row;
  }

  private static Map<String, Object> engagement(
      long app, String variant, String event, long counts, long uniqueCounts) {
    Map<String, Object> row = analytics(app, DAY_1, variant, "DAILY", "event", event, counts);
    row.put("unique_counts", uniqueCounts);

    return row;
  }

  private static Map<String, Object> purchase(
      long app, LocalDate day, String variant, long purchases, double proceedsInUsd) {
    Map<String, Object> row = analytics(app, day, variant, "DAILY", null, null, null);
    row.put("purchases", purchases);
    row.put("proceeds_in_usd", proceedsInUsd);

    return row;
  }

  private static Map<String, Object> sale(
      Long app, String granularity, String currency, String units, String proceeds) {
    Map<String, Object> row = lineage(DAY_1, granularity, "SUMMARY");
    row.put("app_apple_id", app);
    row.put("currency_of_proceeds", currency);
    row.put("units", new BigDecimal(units));
    row.put("proceeds", new BigDecimal(proceeds));
    row.put("origin", "api");

    return row;
  }

  private static Map<String, Object> subscription(
      LocalDate day, String granularity, long activeStandardPrice) {
    Map<String, Object> row = lineage(day, granularity, "SUMMARY");
    row.put("app_apple_id", APP_A);
    row.put("active_standard_price_subscriptions", activeStandardPrice);

    return row;
  }

  private static Map<String, Object> subscriptionEvent(
      LocalDate day, String granularity, String event, long quantity) {
    Map<String, Object> row = lineage(day, granularity, "SUMMARY");
    row.put("app_apple_id", APP_A);
    row.put("event", event);
    row.put("quantity", quantity);

    return row;
  }

  private static Map<String, Object> lineage(
      LocalDate day, String granularity, String reportVariant) {
    Map<String, Object> row = new HashMap<>();
    row.put("metric_date", day);
    row.put("granularity", granularity);
    row.put("report_variant", reportVariant);
    row.put("processing_date", day.plusDays(1));
    row.put("source_file", "test/known-rows");
    row.put("loaded_at", LocalDateTime.of(2025, 3, 3, 6, 0));
    row.put("extra_columns", Map.of());

    return row;
  }

  @SafeVarargs
  private static void insert(
      IcebergTables tables, TableDefinition table, Map<String, Object>... values) {
    List<Row> rows = new ArrayList<>();
    for (Map<String, Object> value : values) {
      Object[] columns = new Object[table.columns().size()];
      for (Map.Entry<String, Object> column : value.entrySet()) {
        columns[table.indexOf(column.getKey())] = column.getValue();
      }
      rows.add(SparkSchemas.toRow(columns, true /* java8 dates */));
    }
    SparkSession spark = tables.spark();
    tables.append(table, spark.createDataFrame(rows, SparkSchemas.schema(table)));
  }
}
