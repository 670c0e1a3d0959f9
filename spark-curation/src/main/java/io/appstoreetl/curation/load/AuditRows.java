package io.appstoreetl.curation.load;

import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.curation.rows.FileSummary;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** Builds rows of {@code load_audit} and {@code quarantine}. */
public final class AuditRows {
  private static final TableDefinition AUDIT = Tables.LOAD_AUDIT;
  private static final TableDefinition QUARANTINE = Tables.QUARANTINE;

  // load_audit statuses, as the column's doc lists them.
  public static final String LOADED = "loaded";
  public static final String EMPTY = "empty";
  public static final String SUPERSEDED = "superseded";
  public static final String REJECTED = "rejected";
  public static final String NOT_CURATED = "not_curated";

  private AuditRows() {}

  /**
   * Returns the load_audit row of a unit.
   *
   * @param table the table the unit feeds, or null for a report this job does not curate
   * @param rowsWritten rows of the unit in its table after this run, or null to take the rows
   *     accepted from its files
   */
  public static Object[] loadAudit(
      String runId,
      LocalDateTime loadedAt,
      UnitManifest unit,
      TableDefinition table,
      Collection<LocalDate> candidateDates,
      Collection<LocalDate> wonDates,
      UnitResults results,
      Long rowsWritten) {
    List<FileSummary> files = new ArrayList<>(results.ofUnit(unit.unitKey()));
    files.sort(
        Comparator.comparingInt(
            summary -> fileOrder(unit, summary.sourceFile().substring(unit.unitKey().length()))));
    long[] counts = results.countsOfUnit(unit.unitKey());

    Object[] values = new Object[AUDIT.columns().size()];
    set(values, "run_id", runId);
    set(values, "loaded_at", loadedAt);
    set(values, "unit_key", unit.unitKey());
    set(values, "unit_hash", RawZone.unitHash(unit.unitKey()));
    set(values, "source", unit.source().key());
    set(values, "report", unit.report());
    set(values, "table_name", table == null ? null : table.name());
    set(values, "granularity", unit.granularity());
    set(values, "app_apple_id", unit.appId());
    set(values, "vendor_number", unit.vendorNumber());
    set(values, "origin", unit.origin());
    set(values, "processing_date", unit.processingDate());
    set(values, "report_date", reportDate(unit));
    set(values, "landed_at", LocalDateTime.ofInstant(unit.landedAt(), ZoneOffset.UTC));
    set(values, "candidate_dates", new ArrayList<>(new TreeSet<>(candidateDates)));
    set(values, "won_dates", new ArrayList<>(new TreeSet<>(wonDates)));
    set(values, "status", status(unit, table, wonDates, files));
    set(values, "files", files.size());
    set(values, "rows_read", counts[0]);
    set(values, "rows_written", rowsWritten != null ? rowsWritten : counts[1]);
    set(values, "rows_rejected", counts[2]);
    set(
        values,
        "checksum",
        files.isEmpty()
            ? null
            : String.join(",", files.stream().map(f -> Objects.toString(f.md5(), "")).toList()));
    set(values, "footer_check", joined(files.stream().map(FileSummary::footerCheck).toList()));
    set(values, "unknown_columns", union(files.stream().map(FileSummary::unknownColumns).toList()));
    set(
        values,
        "unmapped_territories",
        union(files.stream().map(FileSummary::unmappedTerritories).toList()));
    set(
        values,
        "message",
        joined(
            files.stream()
                .filter(FileSummary::failed)
                .map(f -> f.sourceFile() + ": " + f.failure())
                .toList()));

    return values;
  }

  /** Returns the load_audit row of the apps unit a run read. */
  public static Object[] appsAudit(
      String runId, LocalDateTime loadedAt, AppsListing.Snapshot snapshot) {
    Object[] values = new Object[AUDIT.columns().size()];
    UnitManifest unit = snapshot.unit();
    set(values, "run_id", runId);
    set(values, "loaded_at", loadedAt);
    set(values, "unit_key", unit.unitKey());
    set(values, "unit_hash", RawZone.unitHash(unit.unitKey()));
    set(values, "source", unit.source().key());
    set(values, "table_name", Tables.APPS.name());
    set(values, "origin", unit.origin());
    set(values, "report_date", unit.fetchedDate());
    set(values, "landed_at", LocalDateTime.ofInstant(unit.landedAt(), ZoneOffset.UTC));
    set(values, "candidate_dates", List.of());
    set(values, "won_dates", List.of());
    set(
        values,
        "status",
        snapshot.rows().isEmpty() && !snapshot.rejects().isEmpty() ? REJECTED : LOADED);
    set(values, "files", unit.files().size());
    set(values, "rows_read", (long) snapshot.rows().size() + snapshot.rejects().size());
    set(values, "rows_written", (long) snapshot.rows().size());
    set(values, "rows_rejected", (long) snapshot.rejects().size());
    set(values, "checksum", String.join(",", snapshot.checksums()));
    set(values, "unknown_columns", snapshot.unknownAttributes());
    set(values, "unmapped_territories", List.of());

    return values;
  }

  /** Returns the quarantine row of a rejected line or file. */
  public static Object[] quarantine(
      String table, RejectedLine reject, String unitKey, String runId, LocalDateTime loadedAt) {
    Object[] values = new Object[QUARANTINE.columns().size()];
    values[QUARANTINE.indexOf("table_name")] = table;
    values[QUARANTINE.indexOf("metric_date")] = reject.metricDate();
    values[QUARANTINE.indexOf("unit_key")] = unitKey;
    values[QUARANTINE.indexOf("source_file")] = reject.sourceFile();
    values[QUARANTINE.indexOf("line_number")] = reject.lineNumber();
    values[QUARANTINE.indexOf("reason")] = reject.reason();
    values[QUARANTINE.indexOf("raw_line")] = reject.line();
    values[QUARANTINE.indexOf("run_id")] = runId;
    values[QUARANTINE.indexOf("loaded_at")] = loadedAt;

    return values;
  }

  /** Returns the folder key of a file key: everything up to its last {@code /}. */
  public static String folderOf(String fileKey) {
    return fileKey.substring(0, fileKey.lastIndexOf('/') + 1);
  }

  private static String status(
      UnitManifest unit,
      TableDefinition table,
      Collection<LocalDate> wonDates,
      List<FileSummary> files) {
    if (table == null || !unit.status().isCurated()) {
      return NOT_CURATED;
    }
    if (wonDates.isEmpty()) {
      return SUPERSEDED;
    }
    if (unit.status() == UnitManifest.Status.EMPTY) {
      return EMPTY;
    }
    if (!files.isEmpty() && files.stream().allMatch(FileSummary::failed)) {
      return REJECTED;
    }

    return LOADED;
  }

  private static LocalDate reportDate(UnitManifest unit) {
    switch (unit.source()) {
      case SALES:
        return unit.reportDate();
      case FINANCE:
        return unit.fiscalMonth().atDay(1);
      case REVIEWS:
      case APPS:
      case APPLE_ADS:
        return unit.fetchedDate();
      default:
        return unit.reportDate();
    }
  }

  private static int fileOrder(UnitManifest unit, String fileName) {
    for (int i = 0; i < unit.files().size(); i++) {
      if (unit.files().get(i).path().equals(fileName)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static String joined(List<String> texts) {
    List<String> present = texts.stream().filter(Objects::nonNull).toList();

    return present.isEmpty() ? null : String.join("; ", present);
  }

  private static List<String> union(List<List<String>> lists) {
    SortedSet<String> all = new TreeSet<>();
    lists.forEach(all::addAll);

    return new ArrayList<>(all);
  }

  private static void set(Object[] values, String column, Object value) {
    values[AUDIT.indexOf(column)] = value;
  }
}
