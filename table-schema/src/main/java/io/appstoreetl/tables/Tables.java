package io.appstoreetl.tables;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The curated tables, defined once for the Spark job and the Athena DDL generator.
 *
 * <p>Report tables ({@link #reportTables()}) start with {@code app_apple_id}, {@code metric_date}
 * and {@code granularity}, then contain the report's columns as Apple sends them (one row per Apple
 * row), and end with the lineage columns {@code report_variant}, {@code processing_date}, {@code
 * source_file}, {@code loaded_at} and {@code extra_columns}; they are partitioned by day of {@code
 * metric_date}. {@link #REVIEWS} and {@link #APPS} come from API pages, {@link #SEARCH_TERMS} from
 * Apple Ads report pages, and {@link #RUNS}, {@link #LOAD_AUDIT} and {@link #QUARANTINE} describe
 * the pipeline's own work. {@link #REVIEW_INSIGHTS} is derived from {@link #REVIEWS}.
 */
public final class Tables {

  public static final TableDefinition DOWNLOADS = AnalyticsTables.downloads();
  public static final TableDefinition ENGAGEMENT = AnalyticsTables.engagement();
  public static final TableDefinition SESSIONS = AnalyticsTables.sessions();
  public static final TableDefinition INSTALLS_DELETIONS = AnalyticsTables.installsDeletions();
  public static final TableDefinition PURCHASES = AnalyticsTables.purchases();
  public static final TableDefinition CRASHES = AnalyticsTables.crashes();
  public static final TableDefinition SALES = SalesTables.sales();
  public static final TableDefinition SUBSCRIPTIONS = SalesTables.subscriptions();
  public static final TableDefinition SUBSCRIPTION_EVENTS = SalesTables.subscriptionEvents();
  public static final TableDefinition FINANCE = SalesTables.finance();
  public static final TableDefinition REVIEWS = ApiTables.reviews();
  public static final TableDefinition APPS = ApiTables.apps();
  public static final TableDefinition SEARCH_TERMS = AdsTables.searchTerms();
  public static final TableDefinition REVIEW_INSIGHTS = InsightTables.reviewInsights();
  public static final TableDefinition RUNS = OperationsTables.runs();
  public static final TableDefinition LOAD_AUDIT = OperationsTables.loadAudit();
  public static final TableDefinition QUARANTINE = OperationsTables.quarantine();

  private static final List<TableDefinition> ANALYTICS =
      List.of(DOWNLOADS, ENGAGEMENT, SESSIONS, INSTALLS_DELETIONS, PURCHASES, CRASHES);

  private static final List<TableDefinition> REPORTS =
      List.of(
          DOWNLOADS,
          ENGAGEMENT,
          SESSIONS,
          INSTALLS_DELETIONS,
          PURCHASES,
          CRASHES,
          SALES,
          SUBSCRIPTIONS,
          SUBSCRIPTION_EVENTS,
          FINANCE);

  private static final List<TableDefinition> ALL =
      List.of(
          DOWNLOADS,
          ENGAGEMENT,
          SESSIONS,
          INSTALLS_DELETIONS,
          PURCHASES,
          CRASHES,
          SALES,
          SUBSCRIPTIONS,
          SUBSCRIPTION_EVENTS,
          FINANCE,
          REVIEWS,
          APPS,
          SEARCH_TERMS,
          RUNS,
          LOAD_AUDIT,
          QUARANTINE,
          REVIEW_INSIGHTS);

  private Tables() {}

  /** Returns all tables, in the order above. */
  public static List<TableDefinition> all() {
    return ALL;
  }

  /** Returns the Analytics Reports tables. */
  public static List<TableDefinition> analyticsTables() {
    return ANALYTICS;
  }

  /** Returns the tables curated from report files: analytics, Sales and Trends and finance. */
  public static List<TableDefinition> reportTables() {
    return REPORTS;
  }

  /**
   * Returns the table with the given name.
   *
   * @throws IllegalArgumentException if no table has that name
   */
  public static TableDefinition byName(String name) {
    for (TableDefinition table : ALL) {
      if (table.name().equals(name)) {
        return table;
      }
    }

    throw new IllegalArgumentException(
        "Invalid table name: "
            + name
            + " (expected one of "
            + ALL.stream().map(TableDefinition::name).collect(Collectors.joining(", "))
            + ")");
  }
}
