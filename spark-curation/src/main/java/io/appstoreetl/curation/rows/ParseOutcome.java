package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.RejectedLine;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * One item of a parsed raw file: a table row, a rejected line, or the file's closing {@link
 * FileSummary}.
 *
 * <p>{@code row} contains Java values indexed like the table's columns (LocalDate, LocalDateTime,
 * Long, Integer, Double, BigDecimal, String, Boolean and a {@code java.util.Map} for {@code
 * extra_columns}). {@code metricDate} is the row's metric date, or the reject's when it could be
 * read.
 */
public record ParseOutcome(
    String table,
    String sourceFile,
    LocalDate metricDate,
    Object[] row,
    RejectedLine reject,
    FileSummary summary)
    implements Serializable {

  public static ParseOutcome row(
      String table, String sourceFile, LocalDate metricDate, Object[] row) {
    return new ParseOutcome(table, sourceFile, metricDate, row, null, null);
  }

  public static ParseOutcome rejected(String table, RejectedLine reject) {
    return new ParseOutcome(table, reject.sourceFile(), reject.metricDate(), null, reject, null);
  }

  public static ParseOutcome summary(FileSummary summary) {
    return new ParseOutcome(summary.table(), summary.sourceFile(), null, null, null, summary);
  }

  public boolean isRow() {
    return row != null;
  }

  public boolean isRejected() {
    return reject != null;
  }

  public boolean isSummary() {
    return summary != null;
  }
}
