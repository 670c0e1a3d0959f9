package io.appstoreetl.curation.parse;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Opens raw report files as text.
 *
 * <p>Apple's report files are gzip-compressed whatever their name (its example segment key ends in
 * {@code .csv.gz}, and imported sales files may be plain {@code .txt}), so compression is detected
 * from the first two bytes. Text is decoded as UTF-8 and a leading byte order mark is dropped.
 */
public final class RawText {
  private static final int GZIP_MAGIC_FIRST = 0x1f;
  private static final int GZIP_MAGIC_SECOND = 0x8b;
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int BUFFER_BYTES = 64 * 1024;

  private RawText() {}

  /**
   * Returns a reader of the decoded lines of {@code in}, gunzipping when the bytes start with
   * gzip's magic number 1f 8b. Every gzip member is read, because {@link GZIPInputStream} continues
   * into concatenated members. {@link BufferedReader#readLine()} accepts LF, CRLF and CR line ends.
   *
   * <p>The caller closes the returned reader, which closes {@code in}.
   */
  public static BufferedReader open(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
    InputStream content = isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), BUFFER_BYTES);

    reader.mark(1);
    int first = reader.read();
    if (first != BYTE_ORDER_MARK && first != -1) {
      reader.reset();
    }

    return reader;
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();

    return first == GZIP_MAGIC_FIRST && second == GZIP_MAGIC_SECOND;
  }
}
