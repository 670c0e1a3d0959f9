package io.appstoreetl.curation;

import io.appstoreetl.curation.insights.TopicModel;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The arguments of {@link CurationJob}.
 *
 * @param rawRoot raw-zone root: a {@code file:} or {@code s3a:} URI, or a local path
 * @param catalog the Iceberg catalog and database
 * @param dates the metric dates to recompute, from {@code --dates} and {@code --from}/{@code --to}
 * @param tables the tables to recompute
 * @param summaryDate the date of the per-app summary, or null for none
 * @param changedSinceDays with {@code --changed-since-days N}: also recompute the dates of the last
 *     N days before {@code today} whose raw inputs changed; null without the option
 * @param today the day {@code --changed-since-days} counts back from: {@code --today}, or the
 *     current UTC date
 * @param legacyRoot a folder of the old pipeline's raw layout to read as well, or null
 * @param insights the options of {@code review_insights}
 * @param searchTermsDates more metric dates to recompute in {@code search_terms} only, from {@code
 *     --search-terms-dates}: Apple Ads restates the last 30 days every day, and recomputing all
 *     other tables for those days would make the daily job 30 times as expensive
 * @param reviewsDates more metric dates to recompute in {@code reviews} only, from {@code
 *     --reviews-dates}: a reviews fetch can land reviews of any old date, and the other tables of
 *     those dates have not changed
 */
public record CurationArguments(
    String rawRoot,
    CatalogOptions catalog,
    SortedSet<LocalDate> dates,
    List<TableDefinition> tables,
    LocalDate summaryDate,
    Integer changedSinceDays,
    LocalDate today,
    String legacyRoot,
    InsightOptions insights,
    SortedSet<LocalDate> searchTermsDates,
    SortedSet<LocalDate> reviewsDates) {

  /**
   * The options of {@code review_insights}.
   *
   * @param modelRoot folder of the saved topic models ({@code --model-root}); null for {@code
   *     models/review-topics} beside the warehouse
   * @param retrain train a new topic model version even when one is saved ({@code --retrain})
   * @param topics the number of topics of a newly trained model ({@code --review-topics})
   */
  public record InsightOptions(String modelRoot, boolean retrain, int topics) {}

  static final String USAGE =
      "Usage: CurationJob --raw-root <URI or path> --catalog-uri jdbc:sqlite:<path>"
          + " --warehouse <URI or path> [--catalog-name lake] [--database appstore]"
          + " (--dates YYYY-MM-DD[,YYYY-MM-DD...] | --from YYYY-MM-DD --to YYYY-MM-DD"
          + " | --changed-since-days N [--today YYYY-MM-DD])"
          + " [--tables downloads,engagement,...] [--summary-date YYYY-MM-DD]"
          + " [--legacy-root <folder>] [--model-root <URI or path>] [--retrain]"
          + " [--review-topics N] [--search-terms-dates YYYY-MM-DD[,YYYY-MM-DD...]]"
          + " [--reviews-dates YYYY-MM-DD[,YYYY-MM-DD...]]";

  // More topics than this would list near-duplicate themes.
  private static final int MAX_TOPICS = 100;

  // A range longer than this is almost certainly a typo in a year.
  private static final int MAX_RANGE_DAYS = 3700;

  public CurationArguments {
    dates = new TreeSet<>(dates);
    searchTermsDates = new TreeSet<>(searchTermsDates);
    reviewsDates = new TreeSet<>(reviewsDates);
    tables = List.copyOf(tables);
  }

  /**
   * Parses the job's command line.
   *
   * @throws IllegalArgumentException with a message naming the option and the expected form
   */
  public static CurationArguments parse(String[] args) {
    CommandLine line =
        CommandLine.parse(
            args,
            List.of(
                "--raw-root",
                "--catalog-uri",
                "--warehouse",
                "--catalog-name",
                "--database",
                "--dates",
                "--from",
                "--to",
                "--tables",
                "--summary-date",
                "--changed-since-days",
                "--today",
                "--legacy-root",
                "--model-root",
                "--review-topics",
                "--search-terms-dates",
                "--reviews-dates"),
            Set.of("--retrain"));

    SortedSet<LocalDate> dates = new TreeSet<>();
    if (line.has("--dates")) {
      for (String text : line.value("--dates").split(",", -1)) {
        dates.add(date("--dates", text.trim()));
      }
    }
    if (line.has("--from") || line.has("--to")) {
      LocalDate from = date("--from", line.required("--from"));
      LocalDate to = date("--to", line.required("--to"));
      if (from.isAfter(to)) {
        throw new IllegalArgumentException(
            "Invalid --from/--to: " + from + " to " + to + " (expected --from on or before --to)");
      }
      if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
        throw new IllegalArgumentException(
            "Invalid --from/--to: "
                + from
                + " to "
                + to
                + " (expected at most "
                + MAX_RANGE_DAYS
                + " days)");
      }
      from.datesUntil(to.plusDays(1)).forEach(dates::add);
    }

    Integer changedSinceDays = null;
    if (line.has("--changed-since-days")) {
      changedSinceDays = days(line.value("--changed-since-days"));
    }
    LocalDate today =
        line.has("--today")
            ? date("--today", line.value("--today"))
            : LocalDate.now(ZoneOffset.UTC);
    if (line.has("--today") && changedSinceDays == null) {
      throw new IllegalArgumentException(
          "Invalid --today: it sets the end of the --changed-since-days window, which is missing");
    }
    SortedSet<LocalDate> searchTermsDates = dateList(line, "--search-terms-dates");
    SortedSet<LocalDate> reviewsDates = dateList(line, "--reviews-dates");
    if (dates.isEmpty()
        && changedSinceDays == null
        && searchTermsDates.isEmpty()
        && reviewsDates.isEmpty()) {
      throw new IllegalArgumentException(
          "Missing required option --dates, --from/--to or --changed-since-days (the metric dates"
              + " to recompute)");
    }

    List<TableDefinition> tables = new ArrayList<>();
    if (line.has("--tables")) {
      for (String name : line.value("--tables").split(",", -1)) {
        TableDefinition table = table(name.trim());
        if (!tables.contains(table)) {
          tables.add(table);
        }
      }
    } else {
      tables.addAll(Tables.all());
    }

    LocalDate summaryDate =
        line.has("--summary-date") ? date("--summary-date", line.value("--summary-date")) : null;

    return new CurationArguments(
        line.required("--raw-root"),
        CatalogOptions.from(line),
        dates,
        tables,
        summaryDate,
        changedSinceDays,
        today,
        line.value("--legacy-root"),
        new InsightOptions(
            line.value("--model-root"),
            line.has("--retrain"),
            line.has("--review-topics")
                ? topics(line.value("--review-topics"))
                : TopicModel.DEFAULT_TOPICS),
        searchTermsDates,
        reviewsDates);
  }

  /** Returns the dates of a comma-separated date list option, or none without the option. */
  private static SortedSet<LocalDate> dateList(CommandLine line, String option) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    if (line.has(option)) {
      for (String text : line.value(option).split(",", -1)) {
        dates.add(date(option, text.trim()));
      }
    }
    return dates;
  }

  private static int topics(String text) {
    try {
      int topics = Integer.parseInt(text.trim());
      if (topics >= 2 && topics <= MAX_TOPICS) {
        return topics;
      }
    } catch (NumberFormatException e) {
      // Reported below with the expected form.
    }

    throw new IllegalArgumentException(
        "Invalid --review-topics value: "
            + text
            + " (expected a whole number from 2 to "
            + MAX_TOPICS
            + ")");
  }

  private static TableDefinition table(String name) {
    for (TableDefinition table : Tables.all()) {
      if (table.name().equals(name)) {
        return table;
      }
    }

    List<String> names = Tables.all().stream().map(TableDefinition::name).toList();
    throw new IllegalArgumentException(
        "Invalid --tables value: "
            + name
            + " (expected a comma-separated subset of "
            + names
            + ")");
  }

  private static int days(String text) {
    try {
      int days = Integer.parseInt(text.trim());
      if (days >= 0 && days <= MAX_RANGE_DAYS) {
        return days;
      }
    } catch (NumberFormatException e) {
      // Reported below with the expected form.
    }

    throw new IllegalArgumentException(
        "Invalid --changed-since-days value: "
            + text
            + " (expected a whole number of days from 0 to "
            + MAX_RANGE_DAYS
            + ")");
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + option + " value: " + text + " (expected YYYY-MM-DD)", e);
    }
  }
}
