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
  public static final LocalDate DAY_3 = LocalDate.of(2025, 3, 3);
  // DAY_1 and DAY_2 are a Saturday and a Sunday, DAY_3 the Monday after.
  public static final LocalDate WEEK_1 = LocalDate.of(2025, 2, 24);
  public static final LocalDate WEEK_2 = DAY_3;

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
          Tables.SUBSCRIPTION_EVENTS,
          Tables.SEARCH_TERMS,
          Tables.REVIEW_INSIGHTS);

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
    insertSearchTermRows(tables);
    insertReviewInsightRows(tables);
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
   * DECIMAL, {@code LocalDate} for DATE, a {@code List} for an ARRAY.
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
      case "app_weekly_top_search_terms" -> weeklyTopSearchTerms();
      case "review_weekly_negative_share" ->
          // Scored reviews per app, week and topic; the German review has no label and is left
          // out.
          List.of(
              Arrays.asList(APP_A, WEEK_2, 0, List.of("crashes", "freezes"), 2L, 1L, 0.5),
              Arrays.asList(APP_A, WEEK_2, 1, List.of("price"), 1L, 1L, 1.0),
              Arrays.asList(
                  APP_A, WEEK_2.plusDays(7), 0, List.of("crashes", "freezes"), 1L, 0L, 0.0));
      default -> throw new IllegalArgumentException("No expected rows for view " + view);
    };
  }

  /**
   * Returns the top search terms per app and week: app A's terms ranked by installs then taps (the
   * undisclosed row left out, spend NULL for a term with USD and EUR rows), and app B's ten terms
   * with the most installs (the eleventh, "term 02", left out).
   */
  private static List<List<Object>> weeklyTopSearchTerms() {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(
        Arrays.asList(APP_A, WEEK_1, 1, "collage", 300L, 20L, 7L, new BigDecimal("3.0000"), "USD"));
    // Two campaigns, two countries, two days.
    rows.add(
        Arrays.asList(
            APP_A, WEEK_1, 2, "photo editor", 150L, 15L, 7L, new BigDecimal("2.0000"), "USD"));
    rows.add(Arrays.asList(APP_A, WEEK_1, 3, "filters", 20L, 2L, 2L, null, null));
    rows.add(
        Arrays.asList(APP_A, WEEK_2, 1, "scanner", 10L, 1L, 3L, new BigDecimal("0.9000"), "USD"));
    for (int rank = 1; rank <= 10; rank++) {
      long installs = 13 - rank;
      rows.add(
          Arrays.asList(
              APP_B,
              WEEK_1,
              rank,
              String.format("term %02d", installs),
              100L,
              10L,
              installs,
              new BigDecimal("1.0000"),
              "USD"));
    }

    return rows;
  }

  /** Inserts insights of app A's reviews over two weeks, one of them German and unscored. */
  private static void insertReviewInsightRows(IcebergTables tables) {
    String[][] rows = {
      {"r-1", "2025-03-03", "'en'", "-0.6", "'negative'", "0", "ARRAY('crashes', 'freezes')"},
      {"r-2", "2025-03-09", "'en'", "0.7", "'positive'", "0", "ARRAY('crashes', 'freezes')"},
      {"r-3", "2025-03-04", "'en'", "-0.2", "'negative'", "1", "ARRAY('price')"},
      {"r-4", "2025-03-05", "'de'", "NULL", "NULL", "NULL", "NULL"},
      {"r-5", "2025-03-10", "'en'", "0.0", "'neutral'", "0", "ARRAY('crashes', 'freezes')"}
    };
    for (String[] row : rows) {
      tables
          .spark()
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

  private static void insertSearchTermRows(IcebergTables tables) {
    insert(
        tables,
        Tables.SEARCH_TERMS,
        searchTerm(APP_A, DAY_1, 1L, "photo editor", "US", 100L, 10L, 5L, "1.5", "USD"),
        searchTerm(APP_A, DAY_2, 2L, "photo editor", "GB", 50L, 5L, 2L, "0.5", "USD"),
        searchTerm(APP_A, DAY_1, 1L, "collage", "US", 300L, 20L, 7L, "3", "USD"),
        searchTerm(APP_A, DAY_1, 1L, "filters", "US", 10L, 1L, 1L, "1", "USD"),
        searchTerm(APP_A, DAY_2, 2L, "filters", "DE", 10L, 1L, 1L, "2", "EUR"),
        searchTerm(APP_A, DAY_1, 1L, null, null, 9000L, 900L, 9000L, "90", "USD"),
        searchTerm(APP_A, DAY_3, 1L, "scanner", "US", 10L, 1L, 3L, "0.9", "USD"));

    List<Map<String, Object>> appB = new ArrayList<>();
    for (long i = 2; i <= 12; i++) {
      String term = String.format("term %02d", i);
      appB.add(searchTerm(APP_B, DAY_1, 3L, term, "US", 100L, 10L, i, "1", "USD"));
    }
    insert(tables, Tables.SEARCH_TERMS, appB.toArray(Map[]::new));
  }

  /** Returns a search_terms row; a null term makes it the undisclosed row. */
  private static Map<String, Object> searchTerm(
      long app,
      LocalDate day,
      long campaign,
      String term,
      String country,
      long impressions,
      long taps,
      long installs,
      String spend,
      String currency) {
    Map<String, Object> row = new HashMap<>();
    row.put("app_apple_id", app);
    row.put("metric_date", day);
    row.put("campaign_id", campaign);
    row.put("search_term", term);
    row.put("search_term_source", term == null ? null : "TARGETED");
    row.put("country", country);
    row.put("undisclosed", term == null);
    row.put("impressions", impressions);
    row.put("taps", taps);
    row.put("installs", installs);
    row.put("spend", new BigDecimal(spend).setScale(4));
    row.put("spend_currency", currency);
    row.put("fetched_date", DAY_3.plusDays(1));
    row.put("landed_at", LocalDateTime.of(2025, 3, 4, 6, 0));
    row.put("source_file", "test/known-rows");
    row.put("loaded_at", LocalDateTime.of(2025, 3, 4, 7, 0));

    return row;
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
