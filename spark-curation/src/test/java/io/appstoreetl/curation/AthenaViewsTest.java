package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.SparkSchemas;
import io.appstoreetl.curation.testing.AthenaSql;
import io.appstoreetl.curation.testing.Lake;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the committed Athena views of {@code athena-ddl/sql/views} on Spark over tables created from
 * their definitions and a handful of known rows, and checks every value of their output.
 *
 * <p>Each known row that a view must leave out (a Detailed row, a WEEKLY row, an event or download
 * type that the metric does not count) carries a count large enough to show up in any total.
 */
class AthenaViewsTest {
  private static final long APP_A = 1000000001L;
  private static final long APP_B = 1000000002L;
  private static final LocalDate DAY_1 = LocalDate.of(2025, 3, 1);
  private static final LocalDate DAY_2 = LocalDate.of(2025, 3, 2);

  /** The tables that the views read. */
  private static final List<TableDefinition> VIEW_SOURCES =
      List.of(
          Tables.DOWNLOADS,
          Tables.ENGAGEMENT,
          Tables.INSTALLS_DELETIONS,
          Tables.SESSIONS,
          Tables.PURCHASES,
          Tables.SALES,
          Tables.SUBSCRIPTIONS,
          Tables.SUBSCRIPTION_EVENTS,
          Tables.REVIEW_INSIGHTS);

  @TempDir static Path folder;

  private static Lake lake;

  @BeforeAll
  static void createTablesAndViews() throws IOException {
    lake = new Lake(folder);
    IcebergTables tables = AthenaSql.tables(lake);
    for (TableDefinition table : VIEW_SOURCES) {
      tables.createOrEvolve(table);
    }
    insertAnalyticsRows(tables);
    insertSalesRows(tables);
    insertSubscriptionRows(tables);
    insertReviewInsightRows(tables);

    for (String view : viewFiles()) {
      String sql =
          AthenaSql.read("views/" + view)
              .replace(AthenaSql.DATABASE_PLACEHOLDER, lake.catalogName() + ".appstore");
      lake.spark().sql(sql);
    }
  }

  @Test
  void everyViewFileIsTested() throws IOException {
    assertThat(viewFiles())
        .containsExactlyInAnyOrder(
            "app_daily_metrics.sql",
            "app_daily_proceeds.sql",
            "app_daily_subscriptions.sql",
            "review_weekly_negative_share.sql");
  }

  @Test
  void appDailyMetricsCountsStandardDailyRows() {
    List<List<Object>> rows = select("app_daily_metrics");

    assertThat(rows.get(0))
        .as("app A on day 1")
        .containsExactly(
            APP_A,
            DAY_1,
            15L /* first-time downloads, either capitalisation */,
            19L /* plus 4 redownloads */,
            260L /* impressions */,
            120L /* unique impressions */,
            50L /* product page views */,
            19.0 / 120 /* conversion */,
            12L /* installs */,
            2L /* deletions */,
            50L /* sessions */,
            20L /* active devices */,
            1.75 /* proceeds in USD */);
    assertThat(rows.get(1))
        .as("app A on day 2, with purchases only")
        .containsExactly(APP_A, DAY_2, 0L, 0L, 0L, 0L, 0L, null, 0L, 0L, 0L, 0L, 2.0);
    assertThat(rows.get(2))
        .as("app B on day 1, with downloads only")
        .containsExactly(APP_B, DAY_1, 0L, 3L, 0L, 0L, 0L, null, 0L, 0L, 0L, 0L, 0.0);
    assertThat(rows).hasSize(3);
  }

  @Test
  void appDailyMetricsHasDocumentedColumns() {
    assertThat(lake.spark().table(view("app_daily_metrics")).schema().fieldNames())
        .containsExactly(
            "app_apple_id",
            "metric_date",
            "first_time_downloads",
            "total_downloads",
            "impressions",
            "unique_impressions",
            "product_page_views",
            "conversion",
            "installs",
            "deletions",
            "sessions",
            "active_devices",
            "proceeds_in_usd");
  }

  @Test
  void appDailyProceedsSumsPerCurrency() {
    List<List<Object>> rows = select("app_daily_proceeds");

    assertThat(rows)
        .containsExactly(
            Arrays.asList(null, DAY_1, "USD", new BigDecimal("1.00"), new BigDecimal("0.5000")),
            Arrays.asList(APP_A, DAY_1, "EUR", new BigDecimal("2.00"), new BigDecimal("1.2000")),
            Arrays.asList(APP_A, DAY_1, "USD", new BigDecimal("2.00"), new BigDecimal("1.4000")));
  }

  @Test
  void appDailySubscriptionsCountsActiveTrialsCancellations() {
    List<List<Object>> rows = select("app_daily_subscriptions");

    assertThat(rows)
        .containsExactly(
            Arrays.asList(APP_A, DAY_1, 20L, 5L, 3L), Arrays.asList(APP_A, DAY_2, 0L, 0L, 4L));
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

  @Test
  void reviewWeeklyNegativeShareCountsScoredReviewsPerTopic() {
    List<List<Object>> rows =
        lake
            .spark()
            .sql(
                "SELECT app_apple_id, week_start, topic_id, CAST(topic_terms AS STRING),"
                    + " scored_reviews, negative_reviews, negative_share FROM "
                    + view("review_weekly_negative_share")
                    + " ORDER BY 1, 2, 3")
            .collectAsList()
            .stream()
            .map(row -> Arrays.asList((Object[]) toArray(row)))
            .toList();

    assertThat(rows)
        .containsExactly(
            List.of(APP_A, LocalDate.of(2025, 3, 3), 0, "[crashes, freezes]", 2L, 1L, 0.5),
            List.of(APP_A, LocalDate.of(2025, 3, 3), 1, "[price]", 1L, 1L, 1.0),
            List.of(APP_A, LocalDate.of(2025, 3, 10), 0, "[crashes, freezes]", 1L, 0L, 0.0));
  }

  /**
   * Reviews of one app over two weeks; the German review has no label and the view leaves it out.
   */
  private static void insertReviewInsightRows(IcebergTables tables) {
    String[][] rows = {
      {"r-1", "2025-03-03", "'en'", "-0.6", "'negative'", "0", "ARRAY('crashes', 'freezes')"},
      {"r-2", "2025-03-09", "'en'", "0.7", "'positive'", "0", "ARRAY('crashes', 'freezes')"},
      {"r-3", "2025-03-04", "'en'", "-0.2", "'negative'", "1", "ARRAY('price')"},
      {"r-4", "2025-03-05", "'de'", "NULL", "NULL", "NULL", "NULL"},
      {"r-5", "2025-03-10", "'en'", "0.0", "'neutral'", "0", "ARRAY('crashes', 'freezes')"}
    };
    for (String[] row : rows) {
      lake.spark()
          .sql(
              "INSERT INTO "
                  + tables.qualifiedName(Tables.REVIEW_INSIGHTS)
                  + " VALUES ("
                  + APP_A
                  + ", DATE '"
                  + row[1]
                  + "', '"
                  + row[0]
                  + "', 'USA', 'US', "
                  + row[2]
                  + ", "
                  + row[3]
                  + ", "
                  + row[4]
                  + ", "
                  + row[5]
                  + ", "
                  + row[6]
                  + ", 'topics-v1', 'vader-1.0+lingua-1.2.2', 'hash', TIMESTAMP_NTZ"
                  + " '2025-03-11 06:00:00', 'source=reviews/page.json', TIMESTAMP_NTZ"
                  + " '2025-03-11 07:00:00')");
    }
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

  private static List<String> viewFiles() throws IOException {
    try (Stream<Path> files = Files.list(AthenaSql.FOLDER.resolve("views"))) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static String view(String name) {
    return lake.catalogName() + ".appstore." + name;
  }

  /** Returns the view's rows ordered by their first columns, each as a list of Java values. */
  private static List<List<Object>> select(String name) {
    return lake
        .spark()
        .sql("SELECT * FROM " + view(name) + " ORDER BY 1 NULLS FIRST, 2, 3")
        .collectAsList()
        .stream()
        .map(row -> Arrays.asList((Object[]) toArray(row)))
        .toList();
  }

  private static Object[] toArray(Row row) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }

    return values;
  }
}
