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

  /** Returns the gzip bytes of the header and the rows. */
  public static byte[] write(List<String> header, List<String[]> rows) {
    StringBuilder text = new StringBuilder();
    text.append(String.join("\t", header)).append('\n');
    for (String[] row : rows) {
      text.append(String.join("\t", row)).append('\n');
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // GZIPOutputStream writes a fixed header (no file name, modification time 0), so equal text
    // gives equal bytes on every run.
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot gzip an in-memory report", e);
    }
    return bytes.toByteArray();
  }
}
