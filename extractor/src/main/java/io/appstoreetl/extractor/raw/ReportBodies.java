package io.appstoreetl.extractor.raw;

import io.appstoreetl.extractor.http.NonRetryableIOException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Stores the body of a report download (Sales and Trends, finance) unchanged in the raw zone, in
 * constant memory. Apple sends these as gzip ({@code application/a-gzip}); a body that is not gzip
 * is still accepted as plain text, unless it is an HTML or XML page (a proxy's or the file host's
 * error page sent with status 200), which is rejected before anything is written.
 */
public final class ReportBodies {
  private ReportBodies() {}

  /**
   * Copies {@code body} to the new key {@code key}.
   *
   * @param where the request, for the error message
   * @throws NonRetryableIOException when the body is an HTML or XML page
   */
  public static Checksums.Copied store(
      RawZone rawZone, String key, String contentType, InputStream body, String where)
      throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(body, 64 * 1024);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();

    boolean gzip = first == 0x1f && second == 0x8b;
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (!gzip && (type.contains("html") || type.contains("xml") || first == '<')) {
      throw new NonRetryableIOException(
          "Invalid response to "
              + where
              + ": Content-Type "
              + (contentType == null ? "missing" : contentType)
              + " with a markup page in place of the report (expected application/a-gzip)");
    }

    try (OutputStream out = rawZone.createNew(key)) {
      return Checksums.copy(buffered, out);
    }
  }
}
