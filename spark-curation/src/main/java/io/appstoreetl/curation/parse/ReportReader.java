package io.appstoreetl.curation.parse;

import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.TableDefinition;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the data lines of one report file into a table's columns, by header name.
 *
 * <p>Headers are matched to the table's Apple header names and their aliases case-insensitively
 * after trimming, so column order does not matter; headers the table does not define go to {@link
 * SourceRecord#extraColumns()}. Blank lines (empty, or spaces and tabs only) are skipped, also
 * before the header. Where the format has footers, lines starting with {@code Total_} are kept
 * aside as {@link #footers()} rather than read as data. A line with a different number of fields
 * than the header, or a value that is not of its column's type, becomes a {@link RejectedLine}.
 *
 * <p>Not thread-safe. Closing the reader closes the input stream.
 */
public final class ReportReader implements Iterator<LineResult>, Closeable {
  private static final String FOOTER_PREFIX = "Total_";
  private static final char NUL = '\u0000';

  private final String sourceFile;
  private final BufferedReader reader;
  private final TableDefinition table;
  private final ReportFormat format;
  private final Delimiter delimiter;
  private final int fieldCount;

  /** Per file field: index of the table column it feeds, or -1 for an extra or unnamed column. */
  private final int[] columnIndexes;

  /** Per file field: header name of an extra column, or null. */
  private final String[] extraNames;

  /** True when the file has a column the table does not define. */
  private final boolean hasExtraColumns;

  /** File field holding the metric date, or -1. */
  private final int metricDateField;

  private final Map<String, String> footers = new LinkedHashMap<>();
  private long lineNumber; // of the line read last, counting from 1
  private long dataLines;
  private LineResult next;

  private ReportReader(
      String sourceFile,
      BufferedReader reader,
      TableDefinition table,
      ReportFormat format,
      String metricDateColumn,
      String headerLine,
      long headerLineNumber)
      throws RawFileException {
    this.sourceFile = sourceFile;
    this.lineNumber = headerLineNumber;
    this.reader = reader;
    this.table = table;
    this.format = format;
    this.delimiter = Delimiter.sniff(headerLine);

    List<String> headers = delimiter.split(headerLine);
    this.fieldCount = headers.size();
    this.columnIndexes = new int[fieldCount];
    this.extraNames = new String[fieldCount];
    Map<String, String> seenHeaders = new HashMap<>();
    for (int i = 0; i < fieldCount; i++) {
      String header = headers.get(i).trim();
      columnIndexes[i] = -1;
      if (header.isEmpty()) {
        continue;
      }
      String previous = seenHeaders.put(header.toLowerCase(Locale.ROOT), header);
      if (previous != null) {
        throw new RawFileException(sourceFile, "duplicate column \"" + header + "\"");
      }
      Optional<Column> column = table.columnForHeader(header);
      if (column.isPresent()) {
        int index = table.indexOf(column.get().name());
        if (fieldOf(index, i) >= 0) {
          throw new RawFileException(
              sourceFile,
              "columns \""
                  + headers.get(fieldOf(index, i)).trim()
                  + "\" and \""
                  + header
                  + "\" both name "
                  + column.get().name());
        }
        columnIndexes[i] = index;
      } else {
        extraNames[i] = header;
      }
    }

    checkRequiredColumns(seenHeaders);
    this.hasExtraColumns = java.util.Arrays.stream(extraNames).anyMatch(n -> n != null);
    this.metricDateField =
        metricDateColumn == null ? -1 : fieldOf(table.indexOf(metricDateColumn), fieldCount);
  }

  /**
   * Opens a report file and reads its header line.
   *
   * @param sourceFile the file's raw-zone key, used in rejects and messages
   * @param metricDateColumn the table column whose field dates a rejected line, or null
   * @throws RawFileException if the file is neither gzip nor text, has no header line, has a
   *     duplicate header or lacks a column the table requires. The stream is then closed.
   * @throws IOException if the stream cannot be read
   */
  public static ReportReader open(
      String sourceFile,
      InputStream in,
      TableDefinition table,
      ReportFormat format,
      String metricDateColumn)
      throws IOException, RawFileException {
    BufferedReader reader = RawText.open(sourceFile, in);
    try {
      // Blank lines before the header are skipped, as the extractor skips them when it counts rows.
      String headerLine = reader.readLine();
      long headerLineNumber = 1;
      while (headerLine != null && headerLine.isBlank()) {
        headerLine = reader.readLine();
        headerLineNumber++;
      }
      if (headerLine == null) {
        throw new RawFileException(sourceFile, "no header line");
      }
      if (headerLine.indexOf(NUL) >= 0) {
        throw new RawFileException(sourceFile, "binary content: NUL character in the header");
      }
      return new ReportReader(
          sourceFile, reader, table, format, metricDateColumn, headerLine, headerLineNumber);
    } catch (RawFileException | IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** Reads every remaining line into a list and closes the reader. */
  public List<LineResult> readAll() throws IOException {
    List<LineResult> results = new ArrayList<>();
    try (this) {
      while (hasNext()) {
        results.add(next());
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }

    return results;
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException if the file cannot be read or turns out not to be text
   */
  @Override
  public boolean hasNext() {
    while (next == null) {
      String line;
      try {
        line = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read raw file " + sourceFile, e);
      }
      if (line == null) {
        return false;
      }
      lineNumber++;
      if (line.indexOf(NUL) >= 0) {
        throw new UncheckedIOException(
            new IOException("binary content: NUL character in line " + lineNumber));
      }
      // A line of spaces or tabs only is blank, as the extractor counts rows, not a row of nulls.
      if (line.isBlank()) {
        continue;
      }
      if (format.hasFooters() && line.startsWith(FOOTER_PREFIX)) {
        readFooter(line);
        continue;
      }
      dataLines++;
      next = readLine(line);
    }

    return true;
  }

  @Override
  public LineResult next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more lines in " + sourceFile);
    }
    LineResult result = next;
    next = null;

    return result;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** Header names of the file's columns that the table does not define, in file order. */
  public List<String> extraHeaders() {
    List<String> names = new ArrayList<>();
    for (String name : extraNames) {
      if (name != null) {
        names.add(name);
      }
    }

    return names;
  }

  /**
   * Returns the footer lines read so far: each name ({@code Total_Rows}) with its value as written,
   * or with an empty string when the line has no value.
   */
  public Map<String, String> footers() {
    return footers;
  }

  /** Returns the number of data lines read so far: lines that are neither blank nor footers. */
  public long dataLines() {
    return dataLines;
  }

  private void readFooter(String line) {
    List<String> fields = delimiter.split(line);
    String value = fields.size() > 1 ? fields.get(1).trim() : "";
    footers.put(fields.get(0).trim(), value);
  }

  private LineResult readLine(String line) {
    List<String> fields = delimiter.split(line);
    if (fields.size() != fieldCount) {
      return reject(
          line,
          fields,
          "Invalid row: "
              + fields.size()
              + " fields (expected "
              + fieldCount
              + ", as in the header)");
    }

    Object[] values = new Object[table.columns().size()];
    // Most files have no unknown columns; their rows share the empty map.
    Map<String, String> extraColumns = hasExtraColumns ? new LinkedHashMap<>() : Map.of();
    for (int i = 0; i < fieldCount; i++) {
      String text = ValueParser.normalize(fields.get(i));
      if (extraNames[i] != null) {
        extraColumns.put(extraNames[i], text);
        continue;
      }
      if (columnIndexes[i] < 0) {
        continue;
      }

      Column column = table.columns().get(columnIndexes[i]);
      if (text == null && !column.nullable()) {
        return reject(line, fields, ValueParser.missingValueReason(column, format));
      }
      try {
        values[columnIndexes[i]] = ValueParser.parse(column, text, format);
      } catch (InvalidValueException e) {
        return reject(line, fields, e.getMessage());
      }
    }

    return new SourceRecord(lineNumber, values, extraColumns, line);
  }

  private RejectedLine reject(String line, List<String> fields, String reason) {
    LocalDate metricDate = null;
    if (metricDateField >= 0 && metricDateField < fields.size()) {
      String text = ValueParser.normalize(fields.get(metricDateField));
      metricDate = text == null ? null : format.parseDate(text);
    }

    return new RejectedLine(sourceFile, lineNumber, metricDate, reason, line);
  }

  private void checkRequiredColumns(Map<String, String> seenHeaders) throws RawFileException {
    List<String> missing =
        table.requiredInFileColumns().stream()
            .filter(
                column ->
                    column.allHeaders().stream()
                        .noneMatch(
                            header -> seenHeaders.containsKey(header.toLowerCase(Locale.ROOT))))
            .map(column -> "\"" + column.appleHeader() + "\"")
            .toList();
    if (missing.size() == 1) {
      throw new RawFileException(sourceFile, "missing required column " + missing.get(0));
    }
    if (!missing.isEmpty()) {
      throw new RawFileException(
          sourceFile,
          "missing required columns " + missing.stream().collect(Collectors.joining(", ")));
    }
  }

  /** Returns the first file field before {@code limit} that feeds the column, or -1. */
  private int fieldOf(int columnIndex, int limit) {
    for (int i = 0; i < limit; i++) {
      if (columnIndexes[i] == columnIndex) {
        return i;
      }
    }

    return -1;
  }
}
