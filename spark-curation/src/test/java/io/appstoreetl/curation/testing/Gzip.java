package io.appstoreetl.curation.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds gzip bytes for test fixtures. */
public final class Gzip {

  private Gzip() {}

  /** Returns {@code text} as UTF-8, gzip-compressed in one member. */
  public static byte[] gzip(String text) {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Returns each part gzip-compressed as its own member, the members concatenated. */
  public static byte[] gzipMembers(String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String part : parts) {
      out.writeBytes(gzip(part));
    }
    return out.toByteArray();
  }
}
