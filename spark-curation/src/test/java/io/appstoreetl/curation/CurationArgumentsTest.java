package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.tables.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CurationArgumentsTest {

  @Test
  void defaultsAndDateUnion() {
    CurationArguments arguments =
        CurationArguments.parse(
            new String[] {
              "--raw-root",
              "/data/raw",
              "--catalog-uri",
              "jdbc:sqlite:/data/catalog.db",
              "--warehouse=/data/warehouse",
              "--dates",
              "2025-01-10, 2025-01-01",
              "--from",
              "2025-01-02",
              "--to",
              "2025-01-03"
            });

    assertThat(arguments.dates())
        .containsExactly(
            LocalDate.of(2025, 1, 1),
            LocalDate.of(2025, 1, 2),
            LocalDate.of(2025, 1, 3),
            LocalDate.of(2025, 1, 10));
    assertThat(arguments.catalog())
        .isEqualTo(
            new CatalogOptions(
                "lake", "jdbc:sqlite:/data/catalog.db", "/data/warehouse", "appstore"));
    assertThat(arguments.tables()).containsExactlyElementsOf(Tables.all());
    assertThat(arguments.summaryDate()).isNull();
    assertThat(arguments.changedSinceDays()).isNull();
    assertThat(arguments.legacyRoot()).isNull();
  }

  @Test
  void tablesAndSummaryDate() {
    CurationArguments arguments =
        CurationArguments.parse(
            new String[] {
              "--raw-root", "s3a://bucket/raw", "--dates", "2025-01-07",
              "--tables", "sales,downloads", "--summary-date", "2025-01-07",
              "--catalog-name", "other", "--database", "apps"
            });

    assertThat(arguments.tables()).containsExactly(Tables.SALES, Tables.DOWNLOADS);
    assertThat(arguments.summaryDate()).isEqualTo(LocalDate.of(2025, 1, 7));
    assertThat(arguments.catalog()).isEqualTo(new CatalogOptions("other", null, null, "apps"));
  }

  @Test
  void rejectsBadDate() {
    assertThatThrownBy(() -> parse("--raw-root", "r", "--dates", "2025-1-7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --dates value: 2025-1-7 (expected YYYY-MM-DD)");
  }

  @Test
  void rejectsFromWithoutTo() {
    assertThatThrownBy(() -> parse("--raw-root", "r", "--from", "2025-01-07"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Missing required option --to");
  }

  @Test
  void rejectsReversedRange() {
    assertThatThrownBy(() -> parse("--raw-root", "r", "--from", "2025-01-07", "--to", "2025-01-06"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --from/--to: 2025-01-07 to 2025-01-06 (expected --from on or before --to)");
  }

  @Test
  void rejectsMissingDates() {
    assertThatThrownBy(() -> parse("--raw-root", "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Missing required option --dates, --from/--to or --changed-since-days (the metric dates"
                + " to recompute)");
  }

  @Test
  void rejectsUnknownTable() {
    assertThatThrownBy(
            () -> parse("--raw-root", "r", "--dates", "2025-01-07", "--tables", "session"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --tables value: session (expected a comma-separated subset of [downloads,"
                + " engagement, sessions, installs_deletions, purchases, crashes, sales,"
                + " subscriptions, subscription_events, finance, reviews, apps, search_terms, runs,"
                + " load_audit, quarantine, review_insights])");
  }

  @Test
  void searchTermsDatesAloneAreEnough() {
    CurationArguments arguments =
        parse("--raw-root", "r", "--search-terms-dates", "2025-01-08, 2025-01-07");

    assertThat(arguments.searchTermsDates())
        .containsExactly(LocalDate.of(2025, 1, 7), LocalDate.of(2025, 1, 8));
    assertThat(arguments.dates()).isEmpty();
    assertThatThrownBy(() -> parse("--raw-root", "r", "--search-terms-dates", "2025-1-7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid --search-terms-dates value: 2025-1-7");
  }

  @Test
  void reviewsDatesAloneAreEnough() {
    CurationArguments arguments =
        parse("--raw-root", "r", "--reviews-dates", "2025-01-08,2025-01-07");

    assertThat(arguments.reviewsDates())
        .containsExactly(LocalDate.of(2025, 1, 7), LocalDate.of(2025, 1, 8));
    assertThat(arguments.dates()).isEmpty();
    assertThat(arguments.searchTermsDates()).isEmpty();
    assertThatThrownBy(() -> parse("--raw-root", "r", "--reviews-dates", "yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid --reviews-dates value: yesterday");
  }

  @Test
  void insightOptions() {
    CurationArguments defaults = parse("--raw-root", "r", "--dates", "2025-01-07");
    CurationArguments given =
        parse(
            "--raw-root",
            "r",
            "--dates",
            "2025-01-07",
            "--retrain",
            "--model-root",
            "s3a://bucket/lake/models/review-topics",
            "--review-topics",
            "12");

    assertThat(defaults.insights())
        .isEqualTo(new CurationArguments.InsightOptions(null, false, 10));
    assertThat(given.insights())
        .isEqualTo(
            new CurationArguments.InsightOptions(
                "s3a://bucket/lake/models/review-topics", true, 12));
    assertThatThrownBy(
            () -> parse("--raw-root", "r", "--dates", "2025-01-07", "--review-topics", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --review-topics value: 1 (expected a whole number from 2 to 100)");
  }

  @Test
  void changedSinceDaysWithoutDates() {
    CurationArguments arguments =
        parse("--raw-root", "r", "--changed-since-days", "35", "--today", "2025-01-20");

    assertThat(arguments.dates()).isEmpty();
    assertThat(arguments.changedSinceDays()).isEqualTo(35);
    assertThat(arguments.today()).isEqualTo(LocalDate.of(2025, 1, 20));
  }

  @Test
  void rejectsNegativeChangedSinceDays() {
    assertThatThrownBy(() -> parse("--raw-root", "r", "--changed-since-days", "-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --changed-since-days value: -1 (expected a whole number of days from 0 to"
                + " 3700)");
  }

  @Test
  void rejectsTodayWithoutWindow() {
    assertThatThrownBy(
            () -> parse("--raw-root", "r", "--dates", "2025-01-07", "--today", "2025-01-20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --today: it sets the end of the --changed-since-days window, which is"
                + " missing");
  }

  @Test
  void rejectsUnknownOption() {
    assertThatThrownBy(() -> parse("--raw-root", "r", "--date", "2025-01-07"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown option: --date (expected one of --raw-root, ");
  }

  @Test
  void rejectsCatalogUriThatIsNotJdbc() {
    assertThatThrownBy(
            () ->
                parse(
                    "--raw-root",
                    "r",
                    "--dates",
                    "2025-01-07",
                    "--catalog-uri",
                    "/data/catalog.db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --catalog-uri: /data/catalog.db"
                + " (expected a JDBC URI such as jdbc:sqlite:<path>)");
  }

  @Test
  void mainReturnsTwoOnInvalidArguments() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int status = CurationJob.run(new String[] {"--raw-root", "r"}, new PrintStream(bytes));

    assertThat(status).isEqualTo(2);
    assertThat(bytes.toString()).isEmpty();
  }

  private static CurationArguments parse(String... args) {
    return CurationArguments.parse(args);
  }
}
