package io.appstoreetl.curation.rows;

import static io.appstoreetl.curation.testing.SearchTermReport.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.raw.ReportKind;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.curation.testing.Manifests;
import io.appstoreetl.curation.testing.SearchTermReport;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parses Apple Ads search-terms report pages through {@link FileParser}, without Spark. */
class SearchTermPagesTest {
  private static final TableDefinition TABLE = Tables.SEARCH_TERMS;
  private static final long APP = 1000000001L;
  private static final long CAMPAIGN = 542370539L;
  private static final LocalDate JAN_6 = LocalDate.of(2025, 1, 6);
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final String UNIT =
      "source=apple_ads/report=search_terms/org_id=40669820/campaign_id=542370539/"
          + "fetched_date=2025-01-09/landing=20250109T080000000Z-0a1b2c3d/";
  private static final LocalDateTime LOADED_AT = LocalDateTime.of(2025, 1, 9, 9, 0);

  private FileSummary lastSummary;

  @Test
  void rowPerReportRowAndWonDay() {
    byte[] page =
        SearchTermReport.page(CAMPAIGN)
            .term(
                "photo editor",
                "TARGETED",
                "US",
                11L,
                day(JAN_6, 100, 10, 2, "1.5"),
                day(JAN_7, 80, 8, 1, "1.20"),
                day(JAN_8, 60, 6, 0, "0.60"))
            .bytes();

    List<ParseOutcome> outcomes = parse(task(JAN_6, JAN_8, Set.of(JAN_6, JAN_8)), page);

    assertThat(outcomes).hasSize(2).allMatch(ParseOutcome::isRow);
    ParseOutcome first = outcomes.get(0);
    assertThat(value(first, "app_apple_id")).isEqualTo(APP);
    assertThat(value(first, "metric_date")).isEqualTo(JAN_6);
    assertThat(value(first, "campaign_id")).isEqualTo(CAMPAIGN);
    assertThat(value(first, "search_term")).isEqualTo("photo editor");
    assertThat(value(first, "search_term_source")).isEqualTo("TARGETED");
    assertThat(value(first, "country")).isEqualTo("US");
    assertThat(value(first, "undisclosed")).isEqualTo(false);
    assertThat(value(first, "impressions")).isEqualTo(100L);
    assertThat(value(first, "taps")).isEqualTo(10L);
    assertThat(value(first, "installs")).as("tapInstalls, not totalInstalls").isEqualTo(2L);
    assertThat(value(first, "spend")).isEqualTo(new BigDecimal("1.5000"));
    assertThat(value(first, "spend_currency")).isEqualTo("USD");
    assertThat(value(first, "fetched_date")).isEqualTo(LocalDate.of(2025, 1, 9));
    assertThat(value(first, "source_file")).isEqualTo(UNIT + "page=0001.json");
    assertThat(value(first, "loaded_at")).isEqualTo(LOADED_AT);
    assertThat(value(outcomes.get(1), "metric_date")).as("Jan 7 is not won").isEqualTo(JAN_8);
    assertThat(lastSummary.failed()).isFalse();
    assertThat(lastSummary.rowsByDate()).isEqualTo(Map.of(JAN_6, 1L, JAN_8, 1L));
  }

  @Test
  void rowsWithoutTextAreUndisclosed() {
    byte[] page =
        SearchTermReport.page(CAMPAIGN)
            .undisclosed(null, "US", 11L, day(JAN_6, 3, 1, 0, "0.10"))
            .undisclosed("<missing>", "GB", 11L, day(JAN_6, 2, 0, 0, "0"))
            .undisclosed("", "DE", 12L, day(JAN_6, 1, 0, 0, "0"))
            .undisclosed("  ", "FR", 12L, day(JAN_6, 1, 0, 1, "0.01"))
            .bytes();

    List<ParseOutcome> outcomes = parse(task(JAN_6, JAN_6, Set.of(JAN_6)), page);

    assertThat(outcomes).hasSize(4).allMatch(ParseOutcome::isRow);
    for (ParseOutcome outcome : outcomes) {
      assertThat(value(outcome, "undisclosed")).isEqualTo(true);
      assertThat(value(outcome, "search_term")).isNull();
      assertThat(value(outcome, "search_term_source")).isNull();
      assertThat(value(outcome, "country")).as("one row per app, campaign and day").isNull();
    }
  }

  @Test
  void fieldNamesMatchRegardlessOfCase() {
    String page =
        "{\"Result\": {\"Rows\": [{\"Metadata\": {\"SearchTermText\": \"scanner\","
            + " \"searchtermsource\": \"AUTO\", \"CountryOrRegion\": \"DE\"},"
            + " \"GranularMetrics\": [{\"Date\": \"2025-01-06\", \"Impressions\": \"12\","
            + " \"TAPS\": 3, \"tapinstalls\": 1, \"LocalSpend\": {\"Amount\": 0.5,"
            + " \"Currency\": \"eur\"}}]}]}, \"pagination\": null}";

    List<ParseOutcome> outcomes = parse(task(JAN_6, JAN_6, Set.of(JAN_6)), bytes(page));

    assertThat(outcomes).hasSize(1).allMatch(ParseOutcome::isRow);
    assertThat(value(outcomes.get(0), "search_term")).isEqualTo("scanner");
    assertThat(value(outcomes.get(0), "search_term_source")).isEqualTo("AUTO");
    assertThat(value(outcomes.get(0), "impressions")).isEqualTo(12L);
    assertThat(value(outcomes.get(0), "taps")).isEqualTo(3L);
    assertThat(value(outcomes.get(0), "spend")).isEqualTo(new BigDecimal("0.5000"));
    assertThat(value(outcomes.get(0), "spend_currency")).isEqualTo("EUR");
  }

  @Test
  void oneDayReportIsDatedByItsRange() {
    String page =
        "{\"result\": {\"rows\": [{\"metadata\": {\"searchTermText\": \"scanner\","
            + " \"searchTermSource\": \"TARGETED\", \"countryOrRegion\": \"US\"},"
            + " \"totalMetrics\": {\"impressions\": 7, \"taps\": 2, \"tapInstalls\": 1,"
            + " \"localSpend\": {\"amount\": \"0.70\", \"currency\": \"USD\"}}}]}}";

    List<ParseOutcome> outcomes = parse(task(JAN_7, JAN_7, Set.of(JAN_7)), bytes(page));

    assertThat(outcomes).hasSize(1).allMatch(ParseOutcome::isRow);
    assertThat(value(outcomes.get(0), "metric_date")).isEqualTo(JAN_7);
    assertThat(value(outcomes.get(0), "impressions")).isEqualTo(7L);
  }

  @Test
  void badRowsAreRejectedWithReason() {
    byte[] page =
        SearchTermReport.page(CAMPAIGN)
            .rawRow(row("\"campaignId\": 999", "\"impressions\": 1", "2025-01-06"))
            .rawRow(row("", "\"impressions\": -1", "2025-01-06"))
            .rawRow(row("", "\"impressions\": 1.5", "2025-01-06"))
            .rawRow(
                "{\"metadata\": {\"searchTermText\": \"a\"}, \"granularMetrics\": [{\"date\":"
                    + " \"2025-01-06\", \"impressions\": 1, \"taps\": 0, \"tapInstalls\": 0}]}")
            .rawRow(
                "{\"metadata\": {\"searchTermText\": \"a\"}, \"granularMetrics\": [{\"date\":"
                    + " \"2025-01-06\", \"impressions\": 1, \"taps\": 0, \"tapInstalls\": 0,"
                    + " \"localSpend\": {\"amount\": \"0.12345\", \"currency\": \"USD\"}}]}")
            .rawRow(
                "{\"metadata\": {\"searchTermText\": \"a\"}, \"granularMetrics\": [{\"date\":"
                    + " \"2025-01-06\", \"impressions\": 1, \"taps\": 0, \"tapInstalls\": 0,"
                    + " \"localSpend\": {\"amount\": \"1\", \"currency\": \"dollars\"}}]}")
            .rawRow(row("", "\"impressions\": 1", "06-01-2025"))
            .rawRow("{\"metadata\": {\"searchTermText\": \"a\"}}")
            .bytes();

    List<ParseOutcome> outcomes = parse(task(JAN_6, JAN_7, Set.of(JAN_6)), page);

    assertThat(outcomes).allMatch(ParseOutcome::isRejected);
    assertThat(outcomes)
        .extracting(outcome -> outcome.reject().lineNumber())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(outcomes)
        .extracting(outcome -> outcome.reject().reason())
        .containsExactly(
            "Invalid metadata.campaignId: 999 (expected the unit's campaign 542370539)",
            "Invalid impressions: -1 (expected 0 or more)",
            "Invalid impressions: 1.5 (expected a whole number)",
            "Invalid localSpend: missing (expected {\"amount\": \"<decimal>\", \"currency\":"
                + " \"<ISO 4217 code>\"})",
            "Invalid localSpend.amount: 0.12345 (expected a decimal with at most 4 decimal"
                + " places)",
            "Invalid localSpend.currency: dollars (expected an ISO 4217 code such as USD)",
            "Invalid granularMetrics[].date: 06-01-2025 (expected YYYY-MM-DD)",
            "Invalid report row: no granularMetrics (expected daily metrics, or totalMetrics of a"
                + " one-day report)");
    assertThat(outcomes)
        .extracting(outcome -> outcome.reject().metricDate())
        .containsExactly(JAN_6, JAN_6, JAN_6, JAN_6, JAN_6, JAN_6, null, null);
    assertThat(outcomes.get(0).reject().line()).contains("\"campaignId\":999");
    assertThat(lastSummary.failed()).as("the page itself is fine").isFalse();
  }

  @Test
  void malformedPagesAreRejectedWhole() {
    assertThat(failureOf("{\"result\": {\"rows\": [")).startsWith("invalid JSON: ");
    assertThat(failureOf("[]"))
        .isEqualTo("not a JSON object (expected an Apple Ads v1 report response)");
    assertThat(failureOf("{\"result\": {\"rows\": {}}}"))
        .isEqualTo("no \"result.rows\" array (expected an Apple Ads v1 report response)");
    assertThat(
            failureOf(
                "{\"result\": null, \"error\": {\"errors\": [{\"messageCode\": \"INVALID_INPUT\"}]}}"))
        .isEqualTo(
            "the response carries an error: {\"errors\":[{\"messageCode\":\"INVALID_INPUT\"}]}");
  }

  private String failureOf(String page) {
    List<ParseOutcome> outcomes = parse(task(JAN_6, JAN_6, Set.of(JAN_6)), bytes(page));
    assertThat(outcomes).as("rows of a page rejected whole").isEmpty();
    assertThat(lastSummary.failed()).isTrue();
    return lastSummary.failure();
  }

  /** Returns a report row of term "a" with one more metadata field and one day of metrics. */
  private static String row(String metadataField, String impressions, String date) {
    return "{\"metadata\": {\"searchTermText\": \"a\""
        + (metadataField.isEmpty() ? "" : ", " + metadataField)
        + "}, \"granularMetrics\": [{\"date\": \""
        + date
        + "\", "
        + impressions
        + ", \"taps\": 0, \"tapInstalls\": 0, \"localSpend\": {\"amount\": \"0\","
        + " \"currency\": \"USD\"}}]}";
  }

  private static FileTask task(LocalDate start, LocalDate end, Set<LocalDate> wonDates) {
    UnitManifest unit = Manifests.searchTerms(UNIT, APP, CAMPAIGN, start, end).build();
    return new FileTask(
        ReportKind.APPLE_ADS_SEARCH_TERMS,
        unit,
        "page=0001.json",
        null,
        wonDates,
        LOADED_AT,
        Map.of());
  }

  private List<ParseOutcome> parse(FileTask task, byte[] bytes) {
    List<ParseOutcome> outcomes = new ArrayList<>();
    FileParser.parse(task, new ByteArrayInputStream(bytes)).forEachRemaining(outcomes::add);
    ParseOutcome last = outcomes.remove(outcomes.size() - 1);
    assertThat(last.isSummary()).as("last outcome is the file summary").isTrue();
    lastSummary = last.summary();
    return outcomes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Object value(ParseOutcome outcome, String column) {
    return outcome.row()[TABLE.indexOf(column)];
  }
}
