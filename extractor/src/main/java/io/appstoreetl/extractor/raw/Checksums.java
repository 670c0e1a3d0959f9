package io.appstoreetl.extractor.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streams bytes from one place to another while computing their size and MD5, in constant memory.
 */
public final class Checksums {
  private static final int BUFFER_BYTES = 64 * 1024;

  /** Size and lower-case hex MD5 of the bytes copied. */
  public record Copied(long sizeBytes, String md5) {}

  private Checksums() {}

  public static Copied copy(InputStream in, OutputStream out) throws IOException {
    MessageDigest md5 = newDigest("MD5");
    byte[] buffer = new byte[BUFFER_BYTES];
    long size = 0;
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      out.write(buffer, 0, read);
      md5.update(buffer, 0, read);
      size += read;
    }

    return new Copied(size, HexFormat.of().formatHex(md5.digest()));
  }

  public static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] " + algorithm + " is missing from this JDK", e);
    }
  }
}
