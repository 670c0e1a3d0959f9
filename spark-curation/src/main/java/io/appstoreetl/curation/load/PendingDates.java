package io.appstoreetl.curation.load;

import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the metric dates whose raw inputs changed since they were last curated.
 *
 * <p>An index entry's file name is the hash of its unit's key, and {@code load_audit} records that
 * hash with every date a run considered the unit for. So a (table, date) is pending when an index
 * entry of the date names a unit with a manifest that {@code load_audit} has not recorded for that
 * date. The index folders of the window are listed, {@code load_audit} is read for the window, and
 * only the manifests of unrecorded entries are read.
 *
 * <p>A unit is landed, and so curated, after the day its rows are about, which is why {@code
 * load_audit} is read only from the day before the window's first date on.
 */
public final class PendingDates {
  private static final Logger LOG = LoggerFactory.getLogger(PendingDates.class);

  /**
   * The work found: the dates to recompute per table, and the units of those dates whose report
   * this job does not curate.
   */
  public record Pending(
      Map<TableDefinition, SortedSet<LocalDate>> datesByTable,
      Map<LocalDate, List<UnitManifest>> uncuratedUnits) {}

  private PendingDates() {}

  /**
   * Returns the pending dates of the window {@code [today - days, today]} for the given tables.
   *
   * @param days the window length in days before {@code today}, at least 0
   */
  public static Pending find(
      JavaSparkContext jsc,
      RawZone raw,
      IcebergTables tables,
      LocalDate today,
      int days,
      Collection<TableDefinition> requested)
      throws IOException {
    LocalDate first = today.minusDays(days);
    List<LocalDate> window = first.datesUntil(today.plusDays(1)).toList();
    Set<String> recorded = recordedUnitDates(tables, first, today);

    Map<LocalDate, List<String>> unrecorded = new TreeMap<>();
    int entries = 0;
    for (Map.Entry<LocalDate, List<String>> date :
        CandidateUnits.listEntries(raw, window).entrySet()) {
      for (String entry : date.getValue()) {
        entries++;
        String key = RawZone.unitHashOfIndexEntry(entry) + "|" + date.getKey();
        if (!recorded.contains(key)) {
          unrecorded.computeIfAbsent(date.getKey(), d -> new ArrayList<>()).add(entry);
        }
      }
    }

    Map<TableDefinition, SortedSet<LocalDate>> datesByTable =
        new TreeMap<>(Comparator.comparing(Tables.all()::indexOf));
    Map<LocalDate, List<UnitManifest>> uncurated = new TreeMap<>();
    Map<LocalDate, List<UnitManifest>> units = CandidateUnits.readEntries(jsc, raw, unrecorded);
    for (Map.Entry<LocalDate, List<UnitManifest>> date : units.entrySet()) {
      for (UnitManifest unit : date.getValue()) {
        TableDefinition table = unit.kind().map(kind -> kind.table()).orElse(null);
        if (table == null) {
          uncurated.computeIfAbsent(date.getKey(), d -> new ArrayList<>()).add(unit);
        } else if (requested.contains(table)) {
          datesByTable.computeIfAbsent(table, t -> new TreeSet<>()).add(date.getKey());
        }
      }
    }
    LOG.info(
        "Found {} index entries in {} dates from {} to {}; {} not in load_audit; pending: {}",
        entries,
        window.size(),
        first,
        today,
        unrecorded.values().stream().mapToInt(List::size).sum(),
        datesByTable);

    return new Pending(datesByTable, uncurated);
  }

  /** Returns {@code <unit hash>|<date>} for every unit and date that load_audit records. */
  private static Set<String> recordedUnitDates(
      IcebergTables tables, LocalDate first, LocalDate last) {
    Set<String> recorded = new HashSet<>();
    if (tables.icebergTable(Tables.LOAD_AUDIT).currentSnapshot() == null) {
      return recorded;
    }

    List<Row> rows =
        tables
            .spark()
            .sql(
                "SELECT DISTINCT unit_hash, candidate_date FROM "
                    + tables.qualifiedName(Tables.LOAD_AUDIT)
                    + " LATERAL VIEW explode(candidate_dates) dates AS candidate_date"
                    + " WHERE loaded_at >= TIMESTAMP_NTZ '"
                    + first.minusDays(1)
                    + " 00:00:00' AND candidate_date BETWEEN DATE '"
                    + first
                    + "' AND DATE '"
                    + last
                    + "'")
            .collectAsList();
    for (Row row : rows) {
      recorded.add(row.getString(0) + "|" + IcebergTables.toLocalDate(row.get(1)));
    }

    return recorded;
  }
}
