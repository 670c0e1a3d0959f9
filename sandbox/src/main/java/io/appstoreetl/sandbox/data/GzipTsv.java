package io.appstoreetl.sandbox.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes Apple-style report files: UTF-8, tab-separated, a header row, {@code \n} line ends. */
public final class GzipTsv {

  private GzipTsv() {}

  /** Returns the gzip bytes of the header and the rows, as one gzip member. */
  public static byte[] write(List<String> header, List<String[]> rows) {
    return gzip(text(header, rows, 0, rows.size()));
  }

  /**
   * Returns the header and the rows as {@code members} gzip members, one after the other, as
   * Apple's multi-member files are: the first member contains the header and the first share of the
   * rows. A reader that stops after the first member loses the other rows.
   */
  public static byte[] writeMembers(List<String> header, List<String[]> rows, int members) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int from = 0;
    for (int member = 0; member < members; member++) {
      int to = member == members - 1 ? rows.size() : from + rows.size() / members;
      String text = member == 0 ? text(header, rows, from, to) : text(null, rows, from, to);
      bytes.writeBytes(gzip(text));
      from = to;
    }
    return bytes.toByteArray();
  }

  /** Returns the rows as tab-separated lines, after the header line when there is one. */
  private static String text(List<String> header, List<String[]> rows, int from, int to) {
    StringBuilder text = new StringBuilder();
    if (header != null) {
      text.append(String.join("\t", header)).append('\n');
    }
    for (String[] row : rows.subList(from, to)) {
      text.append(String.join("\t", row)).append('\n');
    }
    return text.toString();
  }

  /** Returns the gzip bytes of a text, with a trailing newline already in the text. */
  public static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // GZIPOutputStream writes a fixed header (no file name, modification time 0), so equal text
    // gives equal bytes on every run.
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot gzip an in-memory report", e);
    }
    return bytes.toByteArray();
  }
}
