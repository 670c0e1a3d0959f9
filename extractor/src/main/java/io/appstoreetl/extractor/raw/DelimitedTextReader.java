package io.appstoreetl.extractor.raw;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a report file as Apple writes it: optionally gzip-compressed, then UTF-8 text with a header
 * line and one row per line. Blank lines are skipped, a UTF-8 byte order mark before the header is
 * dropped, and LF, CRLF and CR line ends are all accepted.
 *
 * <p>Memory stays constant whatever the file's size: lines are read one at a time, and a line of
 * more than {@link #MAX_LINE_CHARS} characters is rejected rather than buffered.
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class DelimitedTextReader implements Closeable {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final char BOM = '\uFEFF';
  private static final int BUFFER_BYTES = 64 * 1024;

  /** Maximum line length read, in characters; Apple's report lines are a few hundred long. */
  public static final int MAX_LINE_CHARS = 1024 * 1024;

  private final LineReader reader;
  private final String sourceName;
  private final char delimiter;
  private final boolean quoted;
  private final List<String> header;
  private long lineNumber;

  private DelimitedTextReader(
      LineReader reader, String sourceName, String headerLine, char delimiter, boolean quoted) {
    this.reader = reader;
    this.sourceName = sourceName;
    this.delimiter = delimiter;
    this.quoted = quoted;
    this.header = new ArrayList<>();
    for (String name : split(headerLine)) {
      header.add(name.trim());
    }
    this.lineNumber = 1;
  }

  /**
   * Opens {@code raw}, decompressing it when it starts with the gzip magic bytes {@code 1f 8b},
   * whatever its name or content type. Every gzip member is read, because Java's {@link
   * GZIPInputStream} continues into concatenated members.
   *
   * @param delimiter the field delimiter, or {@code null} to sniff it from the header line
   * @param quoted whether fields may be wrapped in double quotes ({@code ""} is an empty value)
   * @throws ReportFormatException when the file contains no header line
   */
  public static DelimitedTextReader open(
      InputStream raw, String sourceName, Character delimiter, boolean quoted) throws IOException {
    LineReader reader =
        new LineReader(new InputStreamReader(decode(raw), StandardCharsets.UTF_8), sourceName);
    String headerLine = reader.readLine();
    while (headerLine != null && stripBom(headerLine).isBlank()) {
      headerLine = reader.readLine();
    }
    if (headerLine == null) {
      reader.close();
      throw new ReportFormatException("Cannot read " + sourceName + ": no header line");
    }

    headerLine = stripBom(headerLine);
    char chosen = delimiter == null ? sniffDelimiter(headerLine) : delimiter;

    return new DelimitedTextReader(reader, sourceName, headerLine, chosen, quoted);
  }

  /** Returns a stream of the decoded bytes: gunzipped when {@code raw} starts with 1f 8b. */
  public static InputStream decode(InputStream raw) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
      return new GZIPInputStream(buffered, BUFFER_BYTES);
    }

    return buffered;
  }

  /**
   * Picks tab, comma or semicolon, whichever the header line contains most often, and tab on a tie.
   */
  static char sniffDelimiter(String headerLine) {
    long tabs = headerLine.chars().filter(c -> c == '\t').count();
    long commas = headerLine.chars().filter(c -> c == ',').count();
    long semicolons = headerLine.chars().filter(c -> c == ';').count();
    if (tabs >= commas && tabs >= semicolons) {
      return '\t';
    }

    return commas >= semicolons ? ',' : ';';
  }

  public List<String> header() {
    return header;
  }

  public char delimiter() {
    return delimiter;
  }

  public String sourceName() {
    return sourceName;
  }

  /** Line number (1-based, counting the header) of the row {@link #nextRow()} returned last. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Returns the index of the header column named {@code name} (case-insensitive), or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }

    return -1;
  }

  /** Returns the next non-blank row's fields (untrimmed), or {@code null} at the end. */
  public List<String> nextRow() throws IOException {
    String line = reader.readLine();
    lineNumber++;
    while (line != null && line.isBlank()) {
      line = reader.readLine();
      lineNumber++;
    }

    return line == null ? null : split(line);
  }

  /** Returns a cell's value without surrounding spaces, or "" when the row is shorter. */
  public static String cell(List<String> row, int index) {
    return index < row.size() ? row.get(index).trim() : "";
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private List<String> split(String line) {
    if (quoted) {
      List<String> fields = splitQuoted(line);
      if (fields != null) {
        return fields;
      }
    }

    return splitPlain(line);
  }

  private List<String> splitPlain(String line) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == delimiter) {
        fields.add(line.substring(start, i));
        start = i + 1;
      }
    }
    fields.add(line.substring(start));

    return fields;
  }

  /** Splits with double-quote handling; returns null when a quote is left open on the line. */
  private List<String> splitQuoted(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldStart = true;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          field.append(c);
        }
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        continue;
      } else if (c == '"' && fieldStart) {
        inQuotes = true;
      } else {
        field.append(c);
      }
      fieldStart = false;
    }
    if (inQuotes) {
      return null;
    }
    fields.add(field.toString());

    return fields;
  }

  private static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
  }

  /** Reads lines ended by LF, CRLF or CR, each at most {@link #MAX_LINE_CHARS} long. */
  private static final class LineReader implements Closeable {
    private final Reader in;
    private final String sourceName;
    private final char[] buffer = new char[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private long linesRead;

    LineReader(Reader in, String sourceName) {
      this.in = in;
      this.sourceName = sourceName;
    }

    /** Returns the next line without its end, or {@code null} at the end of the input. */
    String readLine() throws IOException {
      StringBuilder line = null;
      while (true) {
        if (position >= limit) {
          limit = in.read(buffer, 0, buffer.length);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return line == null ? null : finish(line);
          }
        }
        if (skipLineFeed) {
          skipLineFeed = false;
          if (buffer[position] == '\n') {
            position++;
            continue;
          }
        }

        int start = position;
        while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
          position++;
        }
        if (line == null) {
          line = new StringBuilder(Math.min(position - start + 16, 4096));
        }
        if (line.length() + (position - start) > MAX_LINE_CHARS) {
          throw new ReportFormatException(
              "Cannot read "
                  + sourceName
                  + ": line "
                  + (linesRead + 1)
                  + " is longer than "
                  + MAX_LINE_CHARS
                  + " characters");
        }
        line.append(buffer, start, position - start);
        if (position < limit) {
          skipLineFeed = buffer[position] == '\r';
          position++;
          return finish(line);
        }
      }
    }

    private String finish(StringBuilder line) {
      linesRead++;
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
