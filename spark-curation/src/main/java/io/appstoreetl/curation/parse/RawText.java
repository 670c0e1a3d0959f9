package io.appstoreetl.curation.parse;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Opens raw report files as text.
 *
 * <p>Apple's report files are gzip-compressed whatever their name (its example segment key ends in
 * {@code .csv.gz}, and imported sales files may be plain {@code .txt}), so compression is detected
 * from the first two bytes. Text is decoded as strict UTF-8 and a leading byte order mark is
 * dropped. A file that is neither gzip nor UTF-8 text is rejected: at once when its first {@value
 * #SNIFF_BYTES} bytes show it, or with an {@link IOException} from the reader when a later byte
 * does (invalid UTF-8, or a NUL character, which text reports never contain).
 */
public final class RawText {
  private static final int GZIP_MAGIC_FIRST = 0x1f;
  private static final int GZIP_MAGIC_SECOND = 0x8b;
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final int SNIFF_BYTES = 4096;
  private static final int BYTES_SHOWN = 8;

  private RawText() {}

  /**
   * Returns a reader of the decoded lines of {@code in}, gunzipping when the bytes start with
   * gzip's magic number 1f 8b. Every gzip member is read (see {@link LookaheadInputStream}). {@link
   * BufferedReader#readLine()} accepts LF, CRLF and CR line ends.
   *
   * <p>The caller closes the returned reader, which closes {@code in}.
   *
   * @param sourceFile the file's raw-zone key, for the reason of a rejected file
   * @throws RawFileException if the first bytes are neither gzip nor UTF-8 text, or the gzip header
   *     is invalid; {@code in} is then closed
   */
  public static BufferedReader open(String sourceFile, InputStream in)
      throws IOException, RawFileException {
    try {
      BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
      boolean gzip = isGzip(buffered);
      InputStream content = buffered;
      if (gzip) {
        content =
            new BufferedInputStream(
                gunzip(sourceFile, new LookaheadInputStream(buffered)), BUFFER_BYTES);
      }
      checkStartsAsText(sourceFile, content, gzip);

      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(content, decoder), BUFFER_BYTES);
      reader.mark(1);
      int first = reader.read();
      if (first != BYTE_ORDER_MARK && first != -1) {
        reader.reset();
      }

      return reader;
    } catch (IOException | RawFileException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static InputStream gunzip(String sourceFile, InputStream in)
      throws IOException, RawFileException {
    try {
      return new GZIPInputStream(in, BUFFER_BYTES);
    } catch (IOException e) {
      // GZIPInputStream reads the member header here: a ZipException or EOFException means the
      // bytes after the magic number are not gzip.
      throw new RawFileException(sourceFile, "invalid gzip data: " + e.getMessage());
    }
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();

    return first == GZIP_MAGIC_FIRST && second == GZIP_MAGIC_SECOND;
  }

  /** Rejects content whose first bytes contain a NUL byte or are not valid UTF-8. */
  private static void checkStartsAsText(String sourceFile, InputStream content, boolean gzip)
      throws RawFileException {
    byte[] start = new byte[SNIFF_BYTES];
    int length;
    try {
      content.mark(SNIFF_BYTES);
      length = content.readNBytes(start, 0, SNIFF_BYTES);
      content.reset();
    } catch (IOException e) {
      throw new RawFileException(
          sourceFile, (gzip ? "invalid gzip data: " : "cannot read: ") + e.getMessage());
    }

    boolean nul = false;
    for (int i = 0; i < length; i++) {
      nul |= start[i] == 0;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // endOfInput false: a multi-byte character cut at the end of the sample is not an error.
    CoderResult result =
        decoder.decode(
            ByteBuffer.wrap(start, 0, length), CharBuffer.allocate(length), false /* more */);
    if (nul || result.isError()) {
      String firstBytes =
          HexFormat.ofDelimiter(" ").formatHex(start, 0, Math.min(length, BYTES_SHOWN));
      throw new RawFileException(
          sourceFile,
          (gzip ? "gzip content is not UTF-8 text" : "neither gzip nor UTF-8 text")
              + " (starts with bytes "
              + firstBytes
              + (nul ? ", contains a NUL byte)" : ", invalid UTF-8)"));
    }
  }

  /**
   * An input stream whose {@link #available()} is positive while bytes remain.
   *
   * <p>{@link GZIPInputStream} moves on to the next gzip member only when the underlying stream's
   * {@code available()} is positive at the end of a member (JDK 17 {@code
   * GZIPInputStream.readTrailer}). Network streams such as S3's often report 0, which would end the
   * file silently after its first member; reading one byte ahead avoids that.
   */
  static final class LookaheadInputStream extends PushbackInputStream {

    LookaheadInputStream(InputStream in) {
      super(in, 1);
    }

    @Override
    public int available() throws IOException {
      int available = super.available();
      if (available > 0) {
        return available;
      }
      int next = read();
      if (next < 0) {
        return 0;
      }
      unread(next);

      return 1;
    }
  }
}
