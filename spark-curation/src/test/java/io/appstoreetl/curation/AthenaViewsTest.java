package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.AthenaSql;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.curation.testing.ViewFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the committed Athena views of {@code athena-ddl/sql/views} on Spark over tables created from
 * their definitions and the known rows of {@link ViewFixture}, and checks every value of their
 * output. {@code TrinoViewsIT} runs the same views on Trino.
 */
class AthenaViewsTest {
  @TempDir static Path folder;

  private static Lake lake;

  @BeforeAll
  static void createTablesAndViews() throws IOException {
    lake = new Lake(folder);
    ViewFixture.createTablesWithKnownRows(AthenaSql.tables(lake));

    for (String view : ViewFixture.viewFiles()) {
      String sql =
          AthenaSql.read("views/" + view)
              .replace(AthenaSql.DATABASE_PLACEHOLDER, lake.catalogName() + ".appstore");
      lake.spark().sql(sql);
    }
  }

  @Test
  void everyViewFileIsTested() throws IOException {
    assertThat(ViewFixture.viewFiles())
        .containsExactlyInAnyOrder(
            "app_daily_metrics.sql",
            "app_daily_proceeds.sql",
            "app_daily_subscriptions.sql",
            "app_weekly_top_search_terms.sql",
            "review_weekly_negative_share.sql");
  }

  @Test
  void appDailyMetricsCountsStandardDailyRows() {
    assertThat(select("app_daily_metrics"))
        .containsExactlyElementsOf(ViewFixture.expectedRows("app_daily_metrics"));
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
    assertThat(select("app_daily_proceeds"))
        .containsExactlyElementsOf(ViewFixture.expectedRows("app_daily_proceeds"));
  }

  @Test
  void appDailySubscriptionsCountsActiveTrialsCancellations() {
    assertThat(select("app_daily_subscriptions"))
        .containsExactlyElementsOf(ViewFixture.expectedRows("app_daily_subscriptions"));
  }

  @Test
  void weeklyTopSearchTermsRanksTenPerAppAndWeek() {
    assertThat(select("app_weekly_top_search_terms"))
        .containsExactlyElementsOf(ViewFixture.expectedRows("app_weekly_top_search_terms"));
  }

  @Test
  void reviewWeeklyNegativeShareCountsScoredReviews() {
    assertThat(select("review_weekly_negative_share"))
        .containsExactlyElementsOf(ViewFixture.expectedRows("review_weekly_negative_share"));
  }

  private static String view(String name) {
    return lake.catalogName() + ".appstore." + name;
  }

  /** Returns the view's rows in the fixture's order, each as a list of Java values. */
  private static List<List<Object>> select(String name) {
    return lake
        .spark()
        .sql("SELECT * FROM " + view(name) + ViewFixture.ORDER_BY)
        .collectAsList()
        .stream()
        .map(row -> Arrays.asList(toArray(row)))
        .toList();
  }

  private static Object[] toArray(Row row) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < row.length(); i++) {
      // An ARRAY column comes back as a Scala sequence; compare it as a Java list.
      values[i] = row.get(i) instanceof scala.collection.Seq<?> ? row.getList(i) : row.get(i);
    }

    return values;
  }
}
