package io.appstoreetl.curation.rows;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The outcome of parsing one raw file, reported once the file has been read.
 *
 * @param md5 MD5 (hex) of the file's bytes as stored, or null when the file could not be read to
 *     its end
 * @param failure why the file is rejected whole (unreadable, not text, a missing required column,
 *     an MD5 that differs from the manifest's), or null
 * @param rowsByDate rows produced per metric date
 * @param rejectsByDate rejected lines per metric date; the null key counts lines whose date could
 *     not be read
 * @param unknownColumns headers (or JSON attributes) the table does not define
 * @param unmappedTerritories territory values with no ISO 3166-1 alpha-2 code
 * @param footerCheck result of checking the file's {@code Total_} footers, or null without footers
 */
public record FileSummary(
    String table,
    String unitKey,
    String sourceFile,
    String md5,
    String failure,
    Map<LocalDate, Long> rowsByDate,
    Map<LocalDate, Long> rejectsByDate,
    List<String> unknownColumns,
    List<String> unmappedTerritories,
    String footerCheck)
    implements Serializable {

  public boolean failed() {
    return failure != null;
  }

  /** Returns the rows and rejects of all dates. */
  public long linesProduced() {
    return rowsByDate.values().stream().mapToLong(Long::longValue).sum()
        + rejectsByDate.values().stream().mapToLong(Long::longValue).sum();
  }
}
