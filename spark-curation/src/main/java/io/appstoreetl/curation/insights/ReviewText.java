package io.appstoreetl.curation.insights;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The text of a review that the models read: its title and body. */
public final class ReviewText {

  private ReviewText() {}

  /**
   * Returns the title and body joined by a line feed, leaving out a null or blank part; empty when
   * both are.
   */
  public static String of(String title, String body) {
    boolean hasTitle = title != null && !title.isBlank();
    boolean hasBody = body != null && !body.isBlank();
    if (hasTitle && hasBody) {
      return title.strip() + "\n" + body.strip();
    }
    if (hasTitle) {
      return title.strip();
    }

    return hasBody ? body.strip() : "";
  }

  /** Returns the SHA-256 of the text's UTF-8 bytes in lowercase hex. */
  public static String hash(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] Every Java platform provides SHA-256", e);
    }
  }
}
