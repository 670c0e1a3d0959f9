package io.appstoreetl.curation.load;

import io.appstoreetl.curation.raw.RawZone;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 checksums of raw files read on the driver. */
final class Md5 {

  private Md5() {}

  /** Returns the MD5 (hex) of the stored bytes of the file at {@code key}. */
  static String hex(RawZone raw, String key) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] MD5 is missing from this JDK", e);
    }
    try (InputStream in = new DigestInputStream(raw.open(key), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }

    return HexFormat.of().formatHex(digest.digest());
  }
}
