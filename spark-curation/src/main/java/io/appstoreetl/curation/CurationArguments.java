package io.appstoreetl.curation;

import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
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
 */
public record CurationArguments(
    String rawRoot,
    CatalogOptions catalog,
    SortedSet<LocalDate> dates,
    List<TableDefinition> tables,
    LocalDate summaryDate) {

  static final String USAGE =
      "Usage: CurationJob --raw-root <URI or path> --catalog-uri jdbc:sqlite:<path>"
          + " --warehouse <URI or path> [--catalog-name lake] [--database appstore]"
          + " (--dates YYYY-MM-DD[,YYYY-MM-DD...] | --from YYYY-MM-DD --to YYYY-MM-DD)"
          + " [--tables downloads,engagement,sales] [--summary-date YYYY-MM-DD]";

  // A range longer than this is almost certainly a typo in a year.
  private static final int MAX_RANGE_DAYS = 3700;

  public CurationArguments {
    dates = new TreeSet<>(dates);
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
                "--summary-date"),
            Set.of());

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
    if (dates.isEmpty()) {
      throw new IllegalArgumentException(
          "Missing required option --dates or --from/--to (the metric dates to recompute)");
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
        line.required("--raw-root"), CatalogOptions.from(line), dates, tables, summaryDate);
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

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + option + " value: " + text + " (expected YYYY-MM-DD)", e);
    }
  }
}
