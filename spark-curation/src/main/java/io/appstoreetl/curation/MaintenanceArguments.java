package io.appstoreetl.curation;

import io.appstoreetl.curation.maintain.MaintenanceSettings;
import io.appstoreetl.tables.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments of {@link MaintenanceJob}.
 *
 * @param catalog the Iceberg catalog and database of the tables
 * @param tables the tables to maintain, in {@link Tables#all()} order
 * @param settings the retention and compaction settings
 */
public record MaintenanceArguments(
    CatalogOptions catalog, List<String> tables, MaintenanceSettings settings) {

  static final String USAGE =
      "Usage: MaintenanceJob --catalog-uri jdbc:sqlite:<path> --warehouse <URI or path>"
          + " [--catalog-name lake] [--database appstore] [--tables downloads,sales,...]"
          + " [--retain-days N | --older-than YYYY-MM-DDTHH:MM:SSZ] [--orphan-age-hours H]"
          + " [--min-input-files N]";

  static final int DEFAULT_RETAIN_DAYS = 7;

  public MaintenanceArguments {
    tables = List.copyOf(tables);
  }

  /**
   * Parses the job's command line; the snapshot cutoff of {@code --retain-days} counts back from
   * {@code now}.
   *
   * @throws IllegalArgumentException with a message naming the option and the expected form
   */
  public static MaintenanceArguments parse(String[] args, Instant now) {
    CommandLine line =
        CommandLine.parse(
            args,
            List.of(
                "--catalog-uri",
                "--warehouse",
                "--catalog-name",
                "--database",
                "--tables",
                "--retain-days",
                "--older-than",
                "--orphan-age-hours",
                "--min-input-files"),
            Set.of());

    if (line.has("--retain-days") && line.has("--older-than")) {
      throw new IllegalArgumentException(
          "Invalid options: --retain-days and --older-than both set the snapshot cutoff (expected"
              + " one of them)");
    }
    Instant snapshotCutoff;
    if (line.has("--older-than")) {
      snapshotCutoff = parseInstant("--older-than", line.value("--older-than"));
    } else {
      int retainDays =
          parseInt("--retain-days", line.value("--retain-days", "" + DEFAULT_RETAIN_DAYS), 0);
      snapshotCutoff = now.minus(Duration.ofDays(retainDays));
    }
    int orphanAgeHours =
        parseInt(
            "--orphan-age-hours",
            line.value("--orphan-age-hours", "" + MaintenanceSettings.DEFAULT_ORPHAN_AGE_HOURS),
            MaintenanceSettings.MIN_ORPHAN_AGE_HOURS);
    int minInputFiles =
        parseInt(
            "--min-input-files",
            line.value("--min-input-files", "" + MaintenanceSettings.DEFAULT_MIN_INPUT_FILES),
            2);

    return new MaintenanceArguments(
        CatalogOptions.from(line),
        tableNames(line.value("--tables")),
        new MaintenanceSettings(
            snapshotCutoff, now.minus(Duration.ofHours(orphanAgeHours)), minInputFiles));
  }

  private static List<String> tableNames(String list) {
    if (list == null) {
      return Tables.all().stream().map(table -> table.name()).toList();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : list.split(",", -1)) {
      try {
        names.add(Tables.byName(name.trim()).name());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid --tables: " + e.getMessage(), e);
      }
    }

    return new ArrayList<>(names);
  }

  private static int parseInt(String option, String value, int minimum) {
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid " + option + ": " + value + " (expected a whole number)", e);
    }
    if (number < minimum) {
      throw new IllegalArgumentException(
          "Invalid " + option + ": " + value + " (expected " + minimum + " or more)");
    }

    return number;
  }

  private static Instant parseInstant(String option, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid "
              + option
              + ": "
              + value
              + " (expected a UTC time such as 2025-03-01T00:00:00Z)",
          e);
    }
  }
}
