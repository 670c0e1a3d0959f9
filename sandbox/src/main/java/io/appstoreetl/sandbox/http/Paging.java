package io.appstoreetl.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * JSON:API paging as Apple does it: {@code limit} (default 50, at most 200) and an opaque {@code
 * cursor} that only {@code links.next} hands out.
 */
public final class Paging {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** Prefix of every cursor, as in Apple's {@code AQ.AMt2C-U}; the rest encodes the offset. */
  private static final String CURSOR_PREFIX = "AQ.";

  private Paging() {}

  /**
   * One page of a collection.
   *
   * @param items the items on this page
   * @param total items in the whole collection
   * @param limit the page size in force
   * @param nextCursor cursor of the next page, or null on the last page
   */
  public record Page<T>(List<T> items, int total, int limit, String nextCursor) {}

  /** Returns the page of {@code all} that the call's {@code limit} and {@code cursor} select. */
  public static <T> Page<T> page(List<T> all, QueryParameters query) {
    int limit = limit(query, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    int offset = query.get("cursor").map(Paging::decodeCursor).orElse(0);
    int from = Math.min(offset, all.size());
    int to = Math.min(from + limit, all.size());
    String nextCursor = to < all.size() ? encodeCursor(to) : null;
    return new Page<>(List.copyOf(all.subList(from, to)), all.size(), limit, nextCursor);
  }

  /**
   * Returns the value of a limit parameter, or {@code defaultLimit} when it is absent; a value that
   * is not an integer from 1 to {@code max} gives 400 {@code PARAMETER_ERROR.INVALID}.
   */
  public static int limit(QueryParameters query, String parameter, int defaultLimit, int max) {
    String value = query.get(parameter).orElse(null);
    if (value == null) {
      return defaultLimit;
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > max) {
      throw ApiErrors.parameterInvalid(
          parameter,
          "'"
              + value
              + "' is not a valid value for the parameter '"
              + parameter
              + "'. The value must be an integer from 1 to "
              + max);
    }
    return limit;
  }

  static String encodeCursor(int offset) {
    byte[] bytes = ("o" + offset).getBytes(StandardCharsets.US_ASCII);
    return CURSOR_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static int decodeCursor(String cursor) {
    try {
      if (cursor.startsWith(CURSOR_PREFIX)) {
        String decoded =
            new String(
                Base64.getUrlDecoder().decode(cursor.substring(CURSOR_PREFIX.length())),
                StandardCharsets.US_ASCII);
        if (decoded.matches("o[0-9]{1,9}")) {
          return Integer.parseInt(decoded.substring(1));
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below: the cursor is not one this server handed out.
    }
    throw ApiErrors.parameterInvalid(
        "cursor", "'" + cursor + "' is not a valid value for the parameter 'cursor'");
  }
}
