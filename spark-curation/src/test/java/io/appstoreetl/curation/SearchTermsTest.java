package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.SearchTermReport.day;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.curation.testing.RawZoneWriter;
import io.appstoreetl.curation.testing.SearchTermReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curates Apple Ads search-terms units into {@code search_terms}: report rows summed over keywords,
 * ad groups and pages; low-volume rows without text as one undisclosed row per app, campaign and
 * day; per campaign and day the newest landing, with its restated installs; a campaign that a later
 * run did not land keeps its rows; a malformed page and a bad row in quarantine while the rest
 * loads; the same table from shuffled landings with incremental runs.
 *
 * <p>Two runs land the data. The first, on 2025-01-09, asks for 2025-01-06..08 for campaigns 1 and
 * 2 of app A. The second, on 2025-01-10, asks for 2025-01-07..09 for campaign 1 of app A (campaign
 * 2 is no longer listed) and campaign 3 of app B. A whole 30-day window is not needed to show the
 * rules, so the ranges are three days.
 */
class SearchTermsTest {
  private static final long APP_A = 1000000001L;
  private static final long APP_B = 1000000002L;
  private static final long CAMPAIGN_1 = 542370539L;
  private static final long CAMPAIGN_2 = 542370540L;
  private static final long CAMPAIGN_3 = 600000001L;
  private static final LocalDate JAN_6 = LocalDate.of(2025, 1, 6);
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final LocalDate JAN_9 = LocalDate.of(2025, 1, 9);
  private static final Instant FIRST_RUN = Instant.parse("2025-01-09T08:00:00Z");
  private static final Instant SECOND_RUN = Instant.parse("2025-01-10T08:00:00Z");
  private static final String[] ALL_DATES = {"--from", "2025-01-06", "--to", "2025-01-09"};
  private static final String[] PENDING = {"--changed-since-days", "10", "--today", "2025-01-11"};
  private static final String COLUMNS =
      "app_apple_id, metric_date, campaign_id, search_term, search_term_source, country,"
          + " undisclosed, impressions, taps, installs, spend, spend_currency";

  @TempDir static Path folder;

  private static Lake lake;
  private static LoadReport report;
  private static String firstRunCampaign1;
  private static String firstRunCampaign2;
  private static String secondRunCampaign1;
  private static String secondRunCampaign3;

  @BeforeAll
  static void landBothRunsAndCurate() {
    lake = new Lake(folder.resolve("in-order"));
    firstRunCampaign1 = landFirstRunCampaign1(lake.raw());
    firstRunCampaign2 = landFirstRunCampaign2(lake.raw());
    secondRunCampaign1 = landSecondRunCampaign1(lake.raw());
    secondRunCampaign3 = landSecondRunCampaign3(lake.raw());
    report = lake.curate(ALL_DATES);
  }

  @Test
  void termsSumOverKeywordsAdGroupsAndPages() {
    assertThat(rows("metric_date = DATE '2025-01-06' AND campaign_id = " + CAMPAIGN_1))
        .containsExactly(
            "[1000000001,2025-01-06,542370539,null,null,null,true,5,1,0,0.1200,USD]",
            "[1000000001,2025-01-06,542370539,photo editor,TARGETED,GB,false,4,1,1,0.4000,USD]",
            "[1000000001,2025-01-06,542370539,photo editor,TARGETED,US,false,160,16,3,2.3000,USD]");
  }

  @Test
  void undisclosedRowsAreNeverNamedTerms() {
    List<String> undisclosed = rows("undisclosed");

    assertThat(undisclosed)
        .as("one row per app, campaign and day, with term, source and country null")
        .containsExactly(
            "[1000000001,2025-01-06,542370539,null,null,null,true,5,1,0,0.1200,USD]",
            "[1000000001,2025-01-07,542370539,null,null,null,true,6,2,2,0.3000,USD]");
    assertThat(rows("search_term IS NULL AND NOT undisclosed")).isEmpty();
    assertThat(rows("search_term IS NOT NULL AND undisclosed")).isEmpty();
  }

  @Test
  void newestLandingWinsPerCampaignAndDay() {
    assertThat(rows("campaign_id = " + CAMPAIGN_1 + " AND metric_date > DATE '2025-01-06'"))
        .as("the second run's installs of Jan 7, nothing on Jan 8, and Jan 9")
        .containsExactly(
            "[1000000001,2025-01-07,542370539,null,null,null,true,6,2,2,0.3000,USD]",
            "[1000000001,2025-01-07,542370539,photo editor,TARGETED,US,false,80,8,5,1.2000,USD]",
            "[1000000001,2025-01-09,542370539,collage,AUTO,GB,false,20,2,1,0.4000,USD]");
    List<Row> lineage =
        lake.spark()
            .sql(
                "SELECT DISTINCT metric_date, fetched_date, source_file FROM "
                    + lake.table("search_terms")
                    + " WHERE campaign_id = "
                    + CAMPAIGN_1
                    + " ORDER BY metric_date")
            .collectAsList();
    assertThat(lineage)
        .extracting(Object::toString)
        .containsExactly(
            "[2025-01-06,2025-01-09," + firstRunCampaign1 + "page=0001.json]",
            "[2025-01-07,2025-01-10," + secondRunCampaign1 + "page=0001.json]",
            "[2025-01-09,2025-01-10," + secondRunCampaign1 + "page=0001.json]");
  }

  @Test
  void campaignMissingFromLaterRunKeepsItsRows() {
    assertThat(rows("campaign_id = " + CAMPAIGN_2))
        .containsExactly(
            "[1000000001,2025-01-06,542370540,photo editor,TARGETED,US,false,7,1,1,0.7000,USD]",
            "[1000000001,2025-01-08,542370540,filters,TARGETED,US,false,9,2,0,0.2000,USD]");
    assertThat(
            lake.spark()
                .sql(
                    "SELECT metric_date, SUM(installs) FROM "
                        + lake.table("search_terms")
                        + " WHERE app_apple_id = "
                        + APP_A
                        + " GROUP BY metric_date ORDER BY metric_date")
                .collectAsList())
        .extracting(Object::toString)
        .as("installs of app A per day, both campaigns")
        .containsExactly("[2025-01-06,5]", "[2025-01-07,7]", "[2025-01-08,0]", "[2025-01-09,1]");
  }

  @Test
  void malformedPageAndRowGoToQuarantine() {
    assertThat(rows("app_apple_id = " + APP_B))
        .as("page 1 loads without its bad row; page 2 is rejected whole")
        .containsExactly(
            "[1000000002,2025-01-07,600000001,scanner,TARGETED,DE,false,30,3,1,2.0000,EUR]",
            "[1000000002,2025-01-08,600000001,scanner,TARGETED,DE,false,12,1,0,0.8000,EUR]");
    List<String> rejects =
        lake
            .spark()
            .sql(
                "SELECT source_file, line_number, metric_date, reason FROM "
                    + lake.table("quarantine")
                    + " WHERE table_name = 'search_terms' ORDER BY source_file, line_number")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    assertThat(rejects)
        .containsExactly(
            "["
                + secondRunCampaign3
                + "page=0001.json,2,2025-01-07,Invalid impressions: \"many\" (expected a whole"
                + " number)]",
            "["
                + secondRunCampaign3
                + "page=0002.json,0,null,no \"result.rows\" array (expected an Apple Ads v1"
                + " report response)]");
    assertThat(report.rejectCount()).isEqualTo(2);
  }

  @Test
  void loadAuditRecordsWonDatesPerLanding() {
    List<String> audit =
        lake
            .spark()
            .sql(
                "SELECT unit_key, table_name, status,"
                    + " concat_ws(',', CAST(won_dates AS ARRAY<STRING>)), rows_written FROM "
                    + lake.table("load_audit")
                    + " WHERE source = 'apple_ads' ORDER BY unit_key")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();

    assertThat(audit)
        .contains(
            "[" + firstRunCampaign1 + ",search_terms,loaded,2025-01-06,3]",
            "[" + secondRunCampaign1 + ",search_terms,loaded,2025-01-07,2025-01-08,2025-01-09,3]",
            "[" + firstRunCampaign2 + ",search_terms,loaded,2025-01-06,2025-01-07,2025-01-08,2]",
            "[" + secondRunCampaign3 + ",search_terms,loaded,2025-01-07,2025-01-08,2025-01-09,2]");
    assertThat(audit).hasSize(4);
  }

  @Test
  void shuffledLandingsAndRerunsGiveSameTable() {
    Lake shuffled = new Lake(folder.resolve("shuffled"));
    // The newer landing of campaign 1 arrives and is curated before the older one.
    List<List<Function<RawZoneWriter, String>>> batches =
        List.of(
            List.of(
                SearchTermsTest::landSecondRunCampaign1, SearchTermsTest::landFirstRunCampaign2),
            List.of(
                SearchTermsTest::landFirstRunCampaign1, SearchTermsTest::landSecondRunCampaign3));
    for (List<Function<RawZoneWriter, String>> batch : batches) {
      batch.forEach(landing -> landing.apply(shuffled.raw()));
      shuffled.curate(PENDING);
    }
    List<String> incremental = allRows(shuffled);
    shuffled.curate(ALL_DATES);

    assertThat(incremental).hasSize(10).isEqualTo(allRows(lake));
    assertThat(allRows(shuffled)).as("after a full rerun").isEqualTo(allRows(lake));
  }

  @Test
  void searchTermsDatesRecomputeOnlySearchTerms() {
    Lake daily = new Lake(folder.resolve("search-terms-dates"));
    landFirstRunCampaign1(daily.raw());
    landSecondRunCampaign1(daily.raw());
    landFirstRunCampaign2(daily.raw());
    landSecondRunCampaign3(daily.raw());

    LoadReport searchTermsOnly =
        daily.curate("--search-terms-dates", "2025-01-06,2025-01-07,2025-01-08,2025-01-09");

    assertThat(searchTermsOnly.counts())
        .extracting(LoadReport.TableDateCounts::table)
        .as("tables the run recomputed")
        .containsOnly("search_terms");
    assertThat(allRows(daily)).isEqualTo(allRows(lake));
  }

  private static List<String> rows(String where) {
    return lake
        .spark()
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM "
                + lake.table("search_terms")
                + " WHERE "
                + where
                + " ORDER BY metric_date, campaign_id, search_term NULLS FIRST, country")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  private static List<String> allRows(Lake anyLake) {
    return anyLake.rows("search_terms", null);
  }

  /** Campaign 1, Jan 6..8: a term over three keywords and two pages, undisclosed rows. */
  private static String landFirstRunCampaign1(RawZoneWriter raw) {
    SearchTermReport page1 =
        SearchTermReport.page(CAMPAIGN_1)
            .term(
                "photo editor",
                "TARGETED",
                "US",
                11L,
                day(JAN_6, 100, 10, 2, "1.50"),
                day(JAN_7, 80, 8, 1, "1.20"))
            .term("photo editor", "TARGETED", "US", 12L, day(JAN_6, 50, 5, 1, "0.75"))
            .term("photo editor", "TARGETED", "GB", 12L, day(JAN_6, 4, 1, 1, "0.4"))
            .undisclosed(null, "US", 11L, day(JAN_6, 3, 1, 0, "0.10"));
    SearchTermReport page2 =
        SearchTermReport.page(CAMPAIGN_1)
            .term("photo editor", "TARGETED", "US", 13L, day(JAN_6, 10, 1, 0, "0.05"))
            .undisclosed("", "GB", 13L, day(JAN_6, 2, 0, 0, "0.02"))
            .undisclosed("<missing>", "US", 13L, day(JAN_7, 6, 2, 0, "0.30"))
            .term("collage", "AUTO", "GB", 14L, day(JAN_8, 40, 4, 2, "0.80"));
    return raw.searchTerms(CAMPAIGN_1, APP_A, JAN_6, JAN_8, FIRST_RUN)
        .file(page1.bytes(), page1.rowCount())
        .file(page2.bytes(), page2.rowCount())
        .holding(JAN_6, JAN_7, JAN_8)
        .land();
  }

  /** Campaign 2 of the same app, Jan 6..8; the second run does not land it. */
  private static String landFirstRunCampaign2(RawZoneWriter raw) {
    SearchTermReport page =
        SearchTermReport.page(CAMPAIGN_2)
            .term("photo editor", "TARGETED", "US", 21L, day(JAN_6, 7, 1, 1, "0.70"))
            .term("filters", "TARGETED", "US", 21L, day(JAN_8, 9, 2, 0, "0.20"));
    return raw.searchTerms(CAMPAIGN_2, APP_A, JAN_6, JAN_8, FIRST_RUN)
        .file(page.bytes(), page.rowCount())
        .holding(JAN_6, JAN_8)
        .land();
  }

  /**
   * Campaign 1, Jan 7..9: Jan 7 restated with more installs, no rows for Jan 8 any more, Jan 9 new.
   */
  private static String landSecondRunCampaign1(RawZoneWriter raw) {
    SearchTermReport page =
        SearchTermReport.page(CAMPAIGN_1)
            .term("photo editor", "TARGETED", "US", 11L, day(JAN_7, 80, 8, 4, "1.20"))
            .term("photo editor", "TARGETED", "US", 12L, day(JAN_7, 0, 0, 1, "0"))
            .undisclosed(null, "US", 13L, day(JAN_7, 6, 2, 2, "0.30"))
            .term("collage", "AUTO", "GB", 14L, day(JAN_9, 20, 2, 1, "0.40"));
    return raw.searchTerms(CAMPAIGN_1, APP_A, JAN_7, JAN_9, SECOND_RUN)
        .file(page.bytes(), page.rowCount())
        .holding(JAN_7, JAN_9)
        .land();
  }

  /** Campaign 3 of app B, Jan 7..9, in EUR: a row with bad impressions and a malformed page. */
  private static String landSecondRunCampaign3(RawZoneWriter raw) {
    SearchTermReport page =
        SearchTermReport.page(CAMPAIGN_3)
            .row(
                term(CAMPAIGN_3, "scanner"),
                new SearchTermReport.Day(JAN_7, 30, 3, 1, "2.00", "EUR"),
                new SearchTermReport.Day(JAN_8, 12, 1, 0, "0.80", "EUR"))
            .rawRow(
                "{\"metadata\": {\"campaignId\": 600000001, \"searchTermText\": \"scan\","
                    + " \"searchTermSource\": \"AUTO\", \"countryOrRegion\": \"DE\"},"
                    + " \"granularMetrics\": [{\"date\": \"2025-01-07\", \"impressions\":"
                    + " \"many\", \"taps\": 1, \"tapInstalls\": 0, \"localSpend\": {\"amount\":"
                    + " \"0.10\", \"currency\": \"EUR\"}}]}");
    byte[] malformed =
        "{\"result\": {\"reportingDataResponse\": []}, \"error\": null}"
            .getBytes(StandardCharsets.UTF_8);
    return raw.searchTerms(CAMPAIGN_3, APP_B, JAN_7, JAN_9, SECOND_RUN)
        .file(page.bytes(), page.rowCount())
        .file(malformed, 1)
        .holding(JAN_7, JAN_8)
        .land();
  }

  private static ObjectNode term(long campaignId, String text) {
    ObjectNode metadata = new ObjectMapper().createObjectNode();
    metadata.put("campaignId", campaignId);
    metadata.put("searchTermText", text);
    metadata.put("searchTermSource", "TARGETED");
    metadata.put("countryOrRegion", "DE");
    return metadata;
  }
}
