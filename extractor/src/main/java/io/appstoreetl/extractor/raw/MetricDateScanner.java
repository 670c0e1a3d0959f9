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
    US("MM/DD/YYYY", "MM/dd/uuuu"),
    /**
     * Either form, for columns whose form Apple does not document (subscription event dates). A
     * value with {@code -} is read as ISO, one with {@code /} as US.
     */
    ANY("YYYY-MM-DD or MM/DD/YYYY", null);

    private final String label;
    private final DateTimeFormatter formatter;

    DateForm(String label, String pattern) {
      this.label = label;
      this.formatter =
          pattern == null
              ? null
              : DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Parses one date cell; returns null when it is not a valid date of this form. */
    public LocalDate tryParse(String value) {
      if (this == ANY) {
        LocalDate iso = ISO.tryParse(value);
        return iso != null ? iso : US.tryParse(value);
      }

      try {
        return LocalDate.parse(value, formatter);
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    /** Parses one date cell, naming the file, line and expected form when it is not valid. */
    public LocalDate parse(String value, String column, DelimitedTextReader reader)
        throws ReportFormatException {
      LocalDate date = tryParse(value);
      if (date == null) {
        throw new ReportFormatException(
            String.format(
                "Invalid \"%s\" value in %s line %d: \"%s\" (expected %s)",
                column, reader.sourceName(), reader.lineNumber(), value, label));
      }

      return date;
    }
  }

  /**
   * Rows and distinct metric dates of one file. {@code footerLines} counts the lines after the data
   * rows that a finance report ends with (totals, exchange rates); 0 for other reports.
   */
  public record Result(long rowCount, SortedSet<LocalDate> metricDates, long footerLines) {
    public Result(long rowCount, SortedSet<LocalDate> metricDates) {
      this(rowCount, metricDates, 0);
    }
  }

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

  /**
   * Reads a finance report: data rows are the rows up to the first one whose {@code dateColumn} is
   * not a date; that row and every line after it are the report's footer, counted apart. A file
   * without any of {@code dateColumns} is counted without metric dates.
   *
   * @param dateColumns the date columns to look for, in order of preference
   */
  public static Result scanWithFooter(
      InputStream raw, String sourceName, List<String> dateColumns, DateForm dateForm)
      throws IOException {
    try (DelimitedTextReader reader = DelimitedTextReader.open(raw, sourceName, '\t', false)) {
      int dateIndex = -1;
      for (String column : dateColumns) {
        dateIndex = reader.columnIndex(column);
        if (dateIndex >= 0) {
          break;
        }
      }

      long rows = 0;
      long footer = 0;
      SortedSet<LocalDate> dates = new TreeSet<>();
      for (List<String> row = reader.nextRow(); row != null; row = reader.nextRow()) {
        LocalDate date =
            dateIndex < 0 || footer > 0
                ? null
                : dateForm.tryParse(DelimitedTextReader.cell(row, dateIndex));
        if (dateIndex >= 0 && date == null) {
          footer++;
          continue;
        }
        if (date != null) {
          dates.add(date);
        }
        rows++;
      }

      return new Result(rows, dates, footer);
    }
  }

  /** Counts the data rows of a report file that has no metric date column. */
  public static long countRows(InputStream raw, String sourceName) throws IOException {
    try (DelimitedTextReader reader = DelimitedTextReader.open(raw, sourceName, '\t', false)) {
      long rows = 0;
      while (reader.nextRow() != null) {
        rows++;
      }

      return rows;
    }
  }
}
