package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.RejectedLine;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * A table row ready to write, or a rejected line, from one raw file.
 *
 * <p>{@code row} contains Java values indexed like the table's columns (LocalDate, LocalDateTime,
 * Long, BigDecimal, String, Boolean and a {@code java.util.Map} for {@code extra_columns}). {@code
 * metricDate} is the row's metric date, or the reject's when it could be read.
 */
public record ParseOutcome(String table, LocalDate metricDate, Object[] row, RejectedLine reject)
    implements Serializable {

  public static ParseOutcome row(String table, LocalDate metricDate, Object[] row) {
    return new ParseOutcome(table, metricDate, row, null);
  }

  public static ParseOutcome rejected(String table, RejectedLine reject) {
    return new ParseOutcome(table, reject.metricDate(), null, reject);
  }

  public boolean isRejected() {
    return reject != null;
  }
}
