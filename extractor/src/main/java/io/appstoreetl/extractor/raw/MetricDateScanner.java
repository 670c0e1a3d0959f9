package io.appstoreetl.extractor.raw;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Counts the data rows of a report file and collects the distinct dates of its date column. */
public final class MetricDateScanner {
  /** Date format of a report column. */
  public enum DateForm {
    /** Analytics {@code Date}: {@code 2025-01-09}. */
    ISO("YYYY-MM-DD", "uuuu-MM-dd"),
    /** Sales and Trends {@code Begin Date} and {@code End Date}: {@code 01/09/2025}. */
    US("MM/DD/YYYY", "MM/dd/uuuu");

    private final String label;
    private final DateTimeFormatter formatter;

    DateForm(String label, String pattern) {
      this.label = label;
      this.formatter = DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Parses one date cell, naming the file, line and expected form when it is not valid. */
    public LocalDate parse(String value, String column, DelimitedTextReader reader)
        throws ReportFormatException {
      try {
        return LocalDate.parse(value, formatter);
      } catch (DateTimeParseException e) {
        throw new ReportFormatException(
            String.format(
                "Invalid \"%s\" value in %s line %d: \"%s\" (expected %s)",
                column, reader.sourceName(), reader.lineNumber(), value, label));
      }
    }
  }

  /** Rows and distinct metric dates of one file. */
  public record Result(long rowCount, SortedSet<LocalDate> metricDates) {}

  private MetricDateScanner() {}

  /**
   * Reads {@code raw} to its end (gzip detected by magic bytes) and returns its data row count and
   * the distinct values of {@code dateColumn}, found by header name, case-insensitively.
   *
   * @param delimiter the field delimiter, or {@code null} to sniff it from the header line
   * @throws ReportFormatException when the column is missing or a row has no valid date in it
   */
  public static Result scan(
      InputStream raw,
      String sourceName,
      String dateColumn,
      DateForm dateForm,
      Character delimiter,
      boolean quoted)
      throws IOException {
    try (DelimitedTextReader reader =
        DelimitedTextReader.open(raw, sourceName, delimiter, quoted)) {
      int dateIndex = reader.columnIndex(dateColumn);
      if (dateIndex < 0) {
        throw new ReportFormatException(
            "Cannot read "
                + sourceName
                + ": missing column \""
                + dateColumn
                + "\" in header "
                + reader.header());
      }

      long rows = 0;
      SortedSet<LocalDate> dates = new TreeSet<>();
      for (List<String> row = reader.nextRow(); row != null; row = reader.nextRow()) {
        String value = DelimitedTextReader.cell(row, dateIndex);
        dates.add(dateForm.parse(value, dateColumn, reader));
        rows++;
      }

      return new Result(rows, dates);
    }
  }
}
