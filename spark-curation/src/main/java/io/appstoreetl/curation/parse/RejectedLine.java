package io.appstoreetl.curation.parse;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A line, or a whole file, that curation did not load.
 *
 * <p>{@code lineNumber} counts from 1 at the header line; it is 0 when the whole file was rejected.
 * {@code metricDate} is the line's metric date when it could still be read, else null. {@code line}
 * is the raw text of the line, or null for a whole file.
 */
public record RejectedLine(
    String sourceFile, long lineNumber, LocalDate metricDate, String reason, String line)
    implements LineResult, Serializable {

  /** Returns the reject of a whole file. */
  public static RejectedLine wholeFile(RawFileException e) {
    return new RejectedLine(e.sourceFile(), 0, null, e.reason(), null);
  }

  /** Returns where and why, as {@code <file>:<line>: <reason>}, or {@code <file>: <reason>}. */
  public String describe() {
    String where = lineNumber > 0 ? sourceFile + ":" + lineNumber : sourceFile;
    return where + ": " + reason;
  }
}
