package io.appstoreetl.extractor.http;

import java.util.Locale;

/**
 * Apple's {@code X-Rate-Limit} response header, such as {@code
 * user-hour-lim:3600;user-hour-rem:3499;user-minute-lim:150;user-minute-rem:149;}. Parsing is
 * lenient: unknown names, blanks, missing separators and non-numeric values are skipped, and a
 * field that is absent is {@code null}.
 */
public record RateLimitHeader(
    Integer hourLimit, Integer hourRemaining, Integer minuteLimit, Integer minuteRemaining) {
  public static final String NAME = "X-Rate-Limit";

  private static final RateLimitHeader NONE = new RateLimitHeader(null, null, null, null);

  /** Parses a header value; {@code null} or text with no known field gives all fields null. */
  public static RateLimitHeader parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }

    Integer hourLimit = null;
    Integer hourRemaining = null;
    Integer minuteLimit = null;
    Integer minuteRemaining = null;
    for (String pair : value.split("[;,]")) {
      int colon = pair.indexOf(':') >= 0 ? pair.indexOf(':') : pair.indexOf('=');
      if (colon <= 0) {
        continue;
      }

      String name = pair.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      Integer number = parseCount(pair.substring(colon + 1).trim());
      if (number == null) {
        continue;
      }
      switch (name) {
        case "user-hour-lim" -> hourLimit = number;
        case "user-hour-rem" -> hourRemaining = number;
        case "user-minute-lim" -> minuteLimit = number;
        case "user-minute-rem" -> minuteRemaining = number;
        default -> {
          // Another limit Apple may add later; ignored.
        }
      }
    }

    return new RateLimitHeader(hourLimit, hourRemaining, minuteLimit, minuteRemaining);
  }

  private static Integer parseCount(String text) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }

    return Integer.valueOf(text);
  }
}
