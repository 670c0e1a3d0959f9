package io.appstoreetl.curation.load;

import io.appstoreetl.curation.parse.RejectedLine;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Row counts of one curation run per table and metric date, with examples of rejected lines and
 * notes on footers, unknown columns and unmapped territories.
 *
 * <p>Rows read are the data lines of the winning units for that date, rejected ones included. Rows
 * written are the rows the table holds for that date after the write. A line whose date could not
 * be read, and a file rejected whole, are counted under a null metric date.
 */
public record LoadReport(
    String runId,
    List<TableDateCounts> counts,
    long rejectCount,
    List<RejectedLine> rejectExamples,
    List<String> notes) {

  /** Counts of one table and metric date; the date is null for undated rejects. */
  public record TableDateCounts(
      String table, LocalDate metricDate, long rowsRead, long rowsWritten, long rowsRejected) {}

  public LoadReport {
    counts = List.copyOf(counts);
    rejectExamples = List.copyOf(rejectExamples);
    notes = List.copyOf(notes);
  }

  /** Returns the counts of a table and date, or null when the run did not cover them. */
  public TableDateCounts countsOf(String table, LocalDate metricDate) {
    return counts.stream()
        .filter(c -> c.table().equals(table) && Objects.equals(c.metricDate(), metricDate))
        .findFirst()
        .orElse(null);
  }

  /** Returns the sum of a table's counts over all its dates, or null when the run skipped it. */
  public TableDateCounts totalsOf(String table) {
    List<TableDateCounts> ofTable = counts.stream().filter(c -> c.table().equals(table)).toList();
    if (ofTable.isEmpty()) {
      return null;
    }

    return new TableDateCounts(
        table,
        null,
        ofTable.stream().mapToLong(TableDateCounts::rowsRead).sum(),
        ofTable.stream().mapToLong(TableDateCounts::rowsWritten).sum(),
        ofTable.stream().mapToLong(TableDateCounts::rowsRejected).sum());
  }
}
