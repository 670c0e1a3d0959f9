package io.appstoreetl.curation.load;

import io.appstoreetl.curation.parse.RejectedLine;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Row counts of one curation run per table and metric date, with examples of rejected lines.
 *
 * <p>Rows read are the data lines of the winning units for that date, rejected ones included. Rows
 * written are the table's rows for that date after the write. A line whose date could not be read
 * is counted under a null metric date.
 */
public record LoadReport(
    List<TableDateCounts> counts, long rejectCount, List<RejectedLine> rejectExamples) {

  /** Counts of one table and metric date. */
  public record TableDateCounts(
      String table, LocalDate metricDate, long rowsRead, long rowsWritten, long rowsRejected) {}

  public LoadReport {
    counts = List.copyOf(counts);
    rejectExamples = List.copyOf(rejectExamples);
  }

  /** Returns the counts of a table and date, or null when the run did not cover them. */
  public TableDateCounts countsOf(String table, LocalDate metricDate) {
    return counts.stream()
        .filter(c -> c.table().equals(table) && Objects.equals(c.metricDate(), metricDate))
        .findFirst()
        .orElse(null);
  }
}
