package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.Seeds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segment of about a configured size that is generated while it streams and never held in memory,
 * for measuring how much memory a client needs to land a large file.
 *
 * <p>The file is a valid gzip TSV with the report's header. Its deflate blocks are stored without
 * compression, so the file is as large as its text and compresses no further. Each row has the
 * metric date, app name and app id of the instance, then random 10-character tokens in the other
 * dimension columns and random integers in the metric columns. The rows are filler: they are not in
 * the ground truth.
 *
 * <p>Equal settings give equal bytes, so one streaming pass over the file, run once in the
 * background, gives the MD5 and size that the segment listing announces.
 */
public final class HugeSegment {

  private static final Logger LOG = LoggerFactory.getLogger(HugeSegment.class);

  private static final byte[] TOKEN_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);
  private static final int TOKEN_LENGTH = 10;
  private static final int BUFFER_BYTES = 64 * 1024;

  /** Bytes a stored deflate block adds to at most 65,535 bytes of text. */
  private static final int STORED_BLOCK_OVERHEAD = 5;

  private static final int GZIP_HEADER_AND_TRAILER = 18;

  /**
   * MD5 and length of the generated file.
   *
   * @param md5 lower-case hex MD5 of the gzip bytes
   * @param sizeInBytes length of the gzip bytes
   */
  public record Digest(String md5, long sizeInBytes) {}

  private final long seed;
  private final long targetBytes;
  private final byte[] headerLine;
  private final byte[] rowPrefix;
  private final int tokenColumns;
  private final int metricColumns;
  private final CompletableFuture<Digest> digest = new CompletableFuture<>();

  /**
   * Creates the generator.
   *
   * @param targetBytes the file's approximate size, whose exact value {@link #digest()} returns
   * @param header the report's columns, of which the first three are Date, App Name and App Apple
   *     Identifier and the last {@code metricColumns} are metrics
   */
  public HugeSegment(
      long seed,
      long targetBytes,
      List<String> header,
      int metricColumns,
      LocalDate metricDate,
      String appName,
      String appId) {
    this.seed = seed;
    this.targetBytes = targetBytes;
    this.headerLine = (String.join("\t", header) + "\n").getBytes(StandardCharsets.UTF_8);
    this.rowPrefix = (metricDate + "\t" + appName + "\t" + appId).getBytes(StandardCharsets.UTF_8);
    this.tokenColumns = header.size() - 3 - metricColumns;
    this.metricColumns = metricColumns;
  }

  /** Starts the MD5 pass on a daemon thread; {@link #digest()} waits for it. */
  public void precomputeInBackground() {
    Thread thread = new Thread(this::computeDigest, "sandbox-huge-segment-md5");
    thread.setDaemon(true);
    thread.start();
  }

  /** Returns the MD5 and size, computing them first if no pass has run yet. */
  public Digest digest() {
    if (!digest.isDone()) {
      computeDigest();
    }
    return digest.join();
  }

  /** Writes the whole file; memory use stays at a few buffers whatever the size. */
  public void writeTo(OutputStream output) throws IOException {
    GZIPOutputStream gzip =
        new GZIPOutputStream(output, BUFFER_BYTES) {
          {
            def.setLevel(Deflater.NO_COMPRESSION);
          }
        };
    long textBytes = textTarget();
    SplittableRandom random = Seeds.random(seed, "hugeSegment", targetBytes);
    byte[] buffer = new byte[BUFFER_BYTES];
    int used = copy(headerLine, buffer, 0);
    long written = headerLine.length;
    while (written < textBytes) {
      if (used > BUFFER_BYTES - maxRowLength()) {
        gzip.write(buffer, 0, used);
        used = 0;
      }
      int rowStart = used;
      used = writeRow(random, buffer, used);
      written += used - rowStart;
    }
    gzip.write(buffer, 0, used);
    gzip.finish();
    gzip.flush();
  }

  private synchronized void computeDigest() {
    if (digest.isDone()) {
      return;
    }
    long started = System.nanoTime();
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      CountingOutputStream counter = new CountingOutputStream();
      writeTo(new DigestOutputStream(counter, md5));
      digest.complete(new Digest(HexFormat.of().formatHex(md5.digest()), counter.count));
      LOG.info(
          "Computed the MD5 of the {}-byte streamed segment in {} ms",
          counter.count,
          (System.nanoTime() - started) / 1_000_000);
    } catch (NoSuchAlgorithmException e) {
      digest.completeExceptionally(new IllegalStateException("[BUG] MD5 is missing", e));
    } catch (IOException e) {
      digest.completeExceptionally(new UncheckedIOException(e));
    }
  }

  /** Returns the text length that makes the stored-block gzip file about the target size. */
  private long textTarget() {
    long blocks = (targetBytes + 65_534) / 65_535;
    return Math.max(
        headerLine.length, targetBytes - GZIP_HEADER_AND_TRAILER - blocks * STORED_BLOCK_OVERHEAD);
  }

  private int maxRowLength() {
    return rowPrefix.length + (tokenColumns + metricColumns) * (TOKEN_LENGTH + 1) + 1;
  }

  private int writeRow(SplittableRandom random, byte[] buffer, int offset) {
    int position = copy(rowPrefix, buffer, offset);
    for (int column = 0; column < tokenColumns; column++) {
      buffer[position++] = '\t';
      long bits = random.nextLong();
      for (int i = 0; i < TOKEN_LENGTH; i++) {
        buffer[position++] = TOKEN_ALPHABET[(int) (bits & 63)];
        bits >>>= 6;
      }
    }
    for (int column = 0; column < metricColumns; column++) {
      buffer[position++] = '\t';
      byte[] number =
          Integer.toString(1 + random.nextInt(999_999)).getBytes(StandardCharsets.US_ASCII);
      position = copy(number, buffer, position);
    }
    buffer[position++] = '\n';
    return position;
  }

  private static int copy(byte[] source, byte[] target, int offset) {
    System.arraycopy(source, 0, target, offset, source.length);
    return offset + source.length;
  }

  /** Discards what it is given and counts the bytes. */
  private static final class CountingOutputStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
