package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.CRASHES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.FINANCE_HEADER;
import static io.appstoreetl.curation.testing.ReportText.INSTALLS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.PURCHASES_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SESSIONS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SUBSCRIPTION_EVENT_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SUBSCRIPTION_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.financeRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static io.appstoreetl.curation.testing.ReportText.subscriptionEventRow;
import static io.appstoreetl.curation.testing.ReportText.subscriptionRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One run over a raw zone that contains every report the job curates, checked table by table. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllTablesTest {
  private static final long APP = 1000000001L;
  private static final LocalDate DEC_29 = LocalDate.of(2024, 12, 29);
  private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
  private static final LocalDate JAN_6 = LocalDate.of(2025, 1, 6);
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final LocalDate JAN_9 = LocalDate.of(2025, 1, 9);
  private static final LocalDate JAN_10 = LocalDate.of(2025, 1, 10);

  private Lake lake;
  private LoadReport report;

  @BeforeAll
  void landEverythingAndCurate(@TempDir Path folder) {
    lake = new Lake(folder);
    landAnalytics();
    landSalesFamily();
    landFinance();
    landReviews();
    landApps();
    lake.raw()
        .runSummary(
            JAN_7,
            "20250108T060000000Z-0a1b2c3d",
            """
            {"run_id": "20250108T060000000Z-0a1b2c3d", "started_at": "2025-01-08T06:00:00Z",
             "finished_at": "2025-01-08T06:05:00.250Z", "date": "2025-01-07",
             "apps": [{"app_id": "1000000001", "instances_landed": 9, "errors": ["HTTP 500"]}],
             "sales": {"status": "complete", "row_count": 2, "errors": []},
             "touched_metric_dates": ["2025-01-06", "2025-01-07"],
             "units_landed": 10, "errors_total": 1}
            """);

    report = lake.curate("--dates", "2024-12-29,2025-01-01,2025-01-06,2025-01-07");
  }

  @Test
  void sessionsKeepDownloadDateAndTerritoryCode() {
    assertThat(
            select(
                "SELECT metric_date, app_download_date, territory, territory_code, sessions,"
                    + " total_session_duration, unique_devices, report_variant, processing_date"
                    + " FROM %s ORDER BY territory",
                "sessions"))
        .containsExactly(
            "[2025-01-07,null,Atlantis,null,2,60,1,Standard,2025-01-09]",
            "[2025-01-07,2025-01-02,United Kingdom,GB,40,3600,25,Standard,2025-01-09]");
  }

  @Test
  void installsDeletionsDetailedColumns() {
    assertThat(
            select(
                "SELECT event, source_info, campaign, page_title, territory_code, counts,"
                    + " unique_devices, report_variant FROM %s",
                "installs_deletions"))
        .containsExactly("[Install,com.example.ref,spring,Summer page,TR,12,11,Detailed]");
  }

  @Test
  void purchasesAcceptHeaderCaseAndKeepDoubles() {
    assertThat(
            select(
                "SELECT purchase_type, content_apple_id, purchases, proceeds_in_usd, sales_in_usd,"
                    + " paying_users, territory_code FROM %s ORDER BY purchases",
                "purchases"))
        .containsExactly(
            "[In-app purchases,3001,-1,-0.69,-0.99,1,JP]",
            "[App purchase,null,3,2.0979,2.97,3,JP]");
  }

  @Test
  void crashesGranularitiesKeyedByPeriodStart() {
    assertThat(
            select(
                "SELECT granularity, metric_date, crashes, processing_date FROM %s"
                    + " ORDER BY granularity, metric_date",
                "crashes"))
        .containsExactly(
            "[DAILY,2025-01-07,4,2025-01-09]",
            "[MONTHLY,2025-01-01,90,2025-02-05]",
            "[WEEKLY,2025-01-06,30,2025-01-10]");
  }

  @Test
  void salesIapAttributedThroughAppsTable() {
    assertThat(
            select("SELECT sku, app_apple_id, attribution, proceeds FROM %s ORDER BY sku", "sales"))
        .containsExactly("[APP1,2001,app_row,7.0000]", "[GEMS,2002,apps_table,1.3800]");
  }

  @Test
  void subscriptionsSnapshotAndEvents() {
    assertThat(
            select(
                "SELECT metric_date, app_apple_id, country, territory_code,"
                    + " active_standard_price_subscriptions, subscribers, vendor_number FROM %s",
                "subscriptions"))
        .containsExactly("[2025-01-07,1000000001,US,US,40,12,80000001]");
    assertThat(
            select(
                "SELECT metric_date, event, territory_code, quantity FROM %s ORDER BY event",
                "subscription_events"))
        .containsExactly("[2025-01-07,Cancel,GB,1]", "[2025-01-07,Renew,GB,3]");
  }

  @Test
  void financeRowsAndFooterMismatchInAudit() {
    assertThat(
            select(
                "SELECT metric_date, app_apple_id, quantity, extended_partner_share, region,"
                    + " fiscal_month, territory_code FROM %s ORDER BY quantity",
                "finance"))
        .containsExactly(
            "[2024-12-29,258801387,-1,-12.1700,EU,2025-01,DE]",
            "[2024-12-29,258801387,14,170.3800,EU,2025-01,FR]");
    assertThat(
            select(
                "SELECT status, footer_check FROM %s WHERE table_name = 'finance'", "load_audit"))
        .containsExactly(
            "[loaded,mismatch: Total_Rows 2 = 2, Total_Amount 999.99 != 158.21, Total_Units 14 ="
                + " 14]");
    assertThat(report.notes())
        .anySatisfy(note -> assertThat(note).startsWith("Footer mismatch: Total_Rows 2 = 2"));
  }

  @Test
  void reviewsLatestLandingWinsInUtc() {
    assertThat(
            select(
                "SELECT review_id, metric_date, title, created_at, created_utc_offset,"
                    + " territory, territory_code, fetched_date FROM %s ORDER BY review_id",
                "reviews"))
        .containsExactly(
            "[r-1,2025-01-07,Edited,2025-01-07T09:00,-08:00,USA,US,2025-01-10]",
            "[r-2,2025-01-06,Fine,2025-01-06T12:00,Z,GBR,GB,2025-01-08]");
    assertThat(
            select(
                "SELECT fetched_date_of_unit, rows_read, rows_written FROM (SELECT"
                    + " report_date AS fetched_date_of_unit, rows_read, rows_written FROM %s"
                    + " WHERE table_name = 'reviews') ORDER BY 1",
                "load_audit"))
        .containsExactly("[2025-01-08,2,1]", "[2025-01-10,1,1]");
  }

  @Test
  void appsFromNewestListing() {
    assertThat(select("SELECT app_apple_id, sku, fetched_date FROM %s ORDER BY 1", "apps"))
        .containsExactly("[2001,APP1,2025-01-09]", "[2002,APP2,2025-01-09]");
  }

  @Test
  void runsHoldExtractorAndCurationRuns() {
    assertThat(
            select(
                "SELECT run_kind, run_id, status, CAST(apps AS STRING), units_landed,"
                    + " errors_total, CAST(errors AS STRING), CAST(touched_metric_dates AS STRING)"
                    + " FROM %s WHERE run_kind = 'extractor'",
                "runs"))
        .containsExactly(
            "[extractor,20250108T060000000Z-0a1b2c3d,errors,[1000000001],10,1,"
                + "[app 1000000001: HTTP 500],[2025-01-06, 2025-01-07]]");
    List<Row> curation =
        lake.spark()
            .sql(
                "SELECT run_id, status, rows_written, CAST(apps AS STRING) FROM "
                    + lake.table("runs")
                    + " WHERE run_kind = 'curation'")
            .collectAsList();
    assertThat(curation).hasSize(1);
    assertThat(curation.get(0).getString(0)).isEqualTo(report.runId());
    // The apps of the analytics and reviews units it loaded (app 1000000001 and the reviewed apps).
    assertThat(curation.get(0).getString(3))
        .isEqualTo(
            select(
                    "SELECT CAST(array_sort(collect_set(CAST(app_apple_id AS STRING))) AS STRING)"
                        + " FROM %s WHERE status IN ('loaded', 'empty')"
                        + " AND app_apple_id IS NOT NULL",
                    "load_audit")
                .get(0)
                .replaceAll("^\\[|\\]$", ""));
  }

  @Test
  void auditRecordsEveryUnit() {
    assertThat(
            select(
                "SELECT table_name, count(*), sum(rows_written) FROM %s GROUP BY table_name"
                    + " ORDER BY table_name",
                "load_audit"))
        .containsExactly(
            "[apps,1,2]",
            "[crashes,3,3]",
            "[finance,1,2]",
            "[installs_deletions,1,1]",
            "[purchases,1,2]",
            "[reviews,2,2]",
            "[sales,1,2]",
            "[sessions,1,2]",
            "[subscription_events,1,2]",
            "[subscriptions,1,1]");
    assertThat(
            select(
                "SELECT CAST(unmapped_territories AS STRING) FROM %s"
                    + " WHERE table_name = 'sessions'",
                "load_audit"))
        .containsExactly("[[Atlantis]]");
    assertThat(select("SELECT count(*) FROM %s", "quarantine")).containsExactly("[0]");
  }

  @Test
  void printsOneLinePerTable() {
    String dates = "2024-12-29..2025-01-07 (4)";
    assertThat(lake.lastOutput())
        .startsWith(
            "table                metric_dates                rows_read  rows_written"
                + "  rows_rejected\n"
                + "downloads            "
                + dates
                + "  0          0             0\n"
                + "engagement           "
                + dates
                + "  0          0             0\n"
                + "sessions             "
                + dates
                + "  2          2             0\n"
                + "installs_deletions   "
                + dates
                + "  1          1             0\n"
                + "purchases            "
                + dates
                + "  2          2             0\n"
                + "crashes              "
                + dates
                + "  3          3             0\n"
                + "sales                "
                + dates
                + "  2          2             0\n"
                + "subscriptions        "
                + dates
                + "  1          1             0\n"
                + "subscription_events  "
                + dates
                + "  2          2             0\n"
                + "finance              "
                + dates
                + "  2          2             0\n"
                + "reviews              "
                + dates
                + "  3          2             0\n"
                + "apps                 -                           2          2             0\n"
                + "search_terms         "
                + dates
                + "  0          0             0\n"
                + "runs                 -                           1          1             0\n"
                + "review_insights      -                           2          2             0\n"
                + "Rejected rows: 0\n"
                + "Note: Footer mismatch: Total_Rows 2 = 2, Total_Amount 999.99 != 158.21,"
                + " Total_Units 14 = 14 in source=finance/")
        .endsWith("Note: Territories without an ISO code in sessions: [Atlantis]\n");
  }

  private void landAnalytics() {
    lake.raw()
        .analytics("app_sessions_standard", "DAILY", APP, JAN_9, "s-1", at(JAN_9))
        .file(
            Gzip.gzip(
                lines(
                    SESSIONS_STANDARD_HEADER,
                    tsv(
                        "2025-01-07",
                        "Example App",
                        APP,
                        "4.2",
                        "iPhone",
                        "iOS 18.1",
                        "App Store search",
                        "Product page",
                        "2025-01-02",
                        "United Kingdom",
                        40,
                        3600,
                        25),
                    tsv(
                        "2025-01-07",
                        "Example App",
                        APP,
                        "4.2",
                        "iPhone",
                        "iOS 18.1",
                        "App Store search",
                        "Product page",
                        "",
                        "Atlantis",
                        2,
                        60,
                        1))),
            2)
        .holding(JAN_7)
        .land();
    lake.raw()
        .analytics(
            "app_store_installation_and_deletion_detailed", "DAILY", APP, JAN_9, "d-1", at(JAN_9))
        .file(
            Gzip.gzip(
                lines(
                    INSTALLS_STANDARD_HEADER
                        .replace("\tSource Type\t", "\tSource Type\tSource Info\tCampaign\t")
                        .replace("\tPage Type\t", "\tPage Type\tPage Title\t"),
                    tsv(
                        "2025-01-07",
                        "Example App",
                        APP,
                        "Install",
                        "First-time download",
                        "4.2",
                        "iPhone",
                        "iOS 18.1",
                        "App referrer",
                        "com.example.ref",
                        "spring",
                        "Product page",
                        "Summer page",
                        "",
                        "Türkiye",
                        12,
                        11))),
            1)
        .holding(JAN_7)
        .land();
    lake.raw()
        .analytics("app_store_purchases_standard", "DAILY", APP, JAN_9, "p-1", at(JAN_9))
        .file(
            Gzip.gzip(
                lines(
                    PURCHASES_STANDARD_HEADER.replace("Proceeds in USD", "Proceeds In USD"),
                    tsv(
                        "2025-01-07",
                        "Example App",
                        APP,
                        "App purchase",
                        "Example App",
                        "",
                        "Card",
                        "iPhone",
                        "iOS 18.1",
                        "App Store search",
                        "Product page",
                        "",
                        "",
                        "Japan",
                        3,
                        "2.0979",
                        "2.97",
                        3),
                    tsv(
                        "2025-01-07",
                        "Example App",
                        APP,
                        "In-app purchases",
                        "Coins",
                        3001,
                        "Card",
                        "iPhone",
                        "iOS 18.1",
                        "App Store search",
                        "Product page",
                        "",
                        "",
                        "Japan",
                        -1,
                        "-.69",
                        "-.99",
                        1))),
            2)
        .holding(JAN_7)
        .land();
    String crashRow = "%s\tExample App\t" + APP + "\t4.2\tiPhone\tiOS 18.1\t%d\t1";
    lake.raw()
        .analytics("app_crashes", "DAILY", APP, JAN_9, "c-1", at(JAN_9))
        .file(Gzip.gzip(lines(CRASHES_HEADER, String.format(crashRow, "2025-01-07", 4))), 1)
        .holding(JAN_7)
        .land();
    lake.raw()
        .analytics("app_crashes", "WEEKLY", APP, JAN_10, "c-w", at(JAN_10))
        .file(Gzip.gzip(lines(CRASHES_HEADER, String.format(crashRow, "2025-01-06", 30))), 1)
        .holding(JAN_6)
        .land();
    lake.raw()
        .analytics("app_crashes", "MONTHLY", APP, LocalDate.of(2025, 2, 5), "c-m", at(JAN_10))
        .file(Gzip.gzip(lines(CRASHES_HEADER, String.format(crashRow, "2025-01-01", 90))), 1)
        .holding(JAN_1)
        .land();
  }

  private void landSalesFamily() {
    lake.raw()
        .sales("DAILY", "80000001", JAN_7, at(JAN_8))
        .file(
            Gzip.gzip(
                lines(
                    SALES_HEADER,
                    salesRow("APP1", "1F", "10", "0.70", "01/07/2025", "USD", 2001L, " "),
                    salesRow("GEMS", "IA1", "2", "0.69", "01/07/2025", "USD", 3002L, "APP2"))),
            2)
        .holding(JAN_7)
        .land();
    lake.raw()
        .salesReport(
            "subscription_summary", "SUBSCRIPTION SUMMARY", "DAILY", "80000001", JAN_7, at(JAN_8))
        .file(
            Gzip.gzip(
                lines(SUBSCRIPTION_HEADER, subscriptionRow(APP, 1177256379L, "US", 40, "12"))),
            1)
        .land();
    lake.raw()
        .salesReport(
            "subscription_event_summary",
            "SUBSCRIPTION_EVENT SUMMARY",
            "DAILY",
            "80000001",
            JAN_7,
            at(JAN_8))
        .file(
            Gzip.gzip(
                lines(
                    SUBSCRIPTION_EVENT_HEADER,
                    subscriptionEventRow("2025-01-07", "Renew", APP, "GB", 3),
                    subscriptionEventRow("2025-01-07", "Cancel", APP, "GBR", 1))),
            2)
        .holding(JAN_7)
        .land();
  }

  private void landFinance() {
    String text =
        lines(
                FINANCE_HEADER,
                financeRow("APP5", -1, "12.17", "-12.17", "R", 258801387L, "F1", "DE"),
                financeRow("APP5", 14, "12.17", "170.38", "S", 258801387L, "F1", "FR"),
                "Total_Rows\t2",
                "Total_Amount\t999.99",
                "Total_Units\t14")
            .replace("08/31/2014\t09/27/2014", "12/29/2024\t02/01/2025");
    lake.raw()
        .finance("financial", "EU", YearMonth.of(2025, 1), "80000001", at(LocalDate.of(2025, 2, 8)))
        .file(Gzip.gzip(text), 2)
        .holding(DEC_29)
        .land();
  }

  @Test
  void reviewsDatesRecomputeOnlyReviews(@TempDir Path folder) {
    Lake other = new Lake(folder);
    landReviews(other);
    other
        .raw()
        .analytics("app_downloads_standard", "DAILY", APP, JAN_8, "i-9", at(JAN_8))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP, "Redownload", "Japan", 7))),
            1)
        .holding(JAN_7)
        .land();

    LoadReport reviewsOnly = other.curate("--reviews-dates", "2025-01-06,2025-01-07");

    assertThat(reviewsOnly.counts())
        .extracting(LoadReport.TableDateCounts::table)
        .as("tables the run recomputed: reviews and the insights derived from them")
        .containsOnly("reviews", "review_insights");
    assertThat(other.rows("reviews", null)).isEqualTo(lake.rows("reviews", null));
    assertThat(other.rows("downloads", null)).as("downloads rows").isEmpty();
  }

  private void landReviews() {
    landReviews(lake);
  }

  private static void landReviews(Lake lake) {
    String first =
        """
        {"data": [
          {"type": "customerReviews", "id": "r-1", "attributes": {"rating": 4, "title": "Nice",
            "createdDate": "2025-01-07T01:00:00-08:00", "territory": "USA"}},
          {"type": "customerReviews", "id": "r-2", "attributes": {"rating": 3, "title": "Fine",
            "createdDate": "2025-01-06T12:00:00Z", "territory": "GBR"}}
        ]}
        """;
    String second =
        """
        {"data": [
          {"type": "customerReviews", "id": "r-1", "attributes": {"rating": 5, "title": "Edited",
            "createdDate": "2025-01-07T01:00:00-08:00", "territory": "USA"}}
        ]}
        """;
    lake.raw()
        .reviews(APP, JAN_8, at(JAN_8))
        .file(first.getBytes(StandardCharsets.UTF_8), 2)
        .holding(JAN_6, JAN_7)
        .land();
    lake.raw().reviews(APP, JAN_10, at(JAN_10)).file(Gzip.gzip(second), 1).holding(JAN_7).land();
  }

  private void landApps() {
    String older =
        """
        {"data": [{"type": "apps", "id": "2001",
          "attributes": {"name": "One", "bundleId": "com.example.one", "sku": "APP1"}}]}
        """;
    String newer =
        """
        {"data": [
          {"type": "apps", "id": "2001", "attributes": {"name": "One", "sku": "APP1"}},
          {"type": "apps", "id": "2002", "attributes": {"name": "Two", "sku": "APP2",
            "isOrEverWasMadeForKids": false}}
        ]}
        """;
    lake.raw().apps(JAN_8, at(JAN_8)).file(older.getBytes(StandardCharsets.UTF_8), 1).land();
    lake.raw().apps(JAN_9, at(JAN_9)).file(newer.getBytes(StandardCharsets.UTF_8), 2).land();
  }

  private static Instant at(LocalDate date) {
    return Instant.parse(date + "T06:00:00Z");
  }

  private static String tsv(Object... values) {
    StringBuilder line = new StringBuilder();
    for (Object value : values) {
      if (line.length() > 0) {
        line.append('\t');
      }
      line.append(value);
    }
    return line.toString();
  }

  private List<String> select(String sql, String table) {
    return lake.spark().sql(String.format(sql, lake.table(table))).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
