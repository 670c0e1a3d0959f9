package io.appstoreetl.extractor.raw;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks every value that goes into a raw-zone key against its strict form. A value that fails is
 * rejected with {@link InvalidKeyValueException}; nothing is ever escaped or cleaned up.
 */
public final class KeyValues {
  /** Report slugs the raw zone knows; a slug outside this list never reaches a key. */
  public static final List<String> KNOWN_REPORT_SLUGS =
      List.of(
          "app_downloads_standard",
          "app_downloads_detailed",
          "app_store_discovery_and_engagement_standard",
          "app_store_discovery_and_engagement_detailed",
          "sales_summary");

  public static final List<String> GRANULARITIES = List.of("DAILY", "WEEKLY", "MONTHLY");

  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
  private static final Pattern ATTEMPT_ID = Pattern.compile("[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}");

  private KeyValues() {}

  public static String appId(String value) {
    return check("app id", value, NUMERIC_ID.matcher(nonNull(value)).matches(), "1 to 20 digits");
  }

  public static String vendorNumber(String value) {
    return check(
        "vendor number", value, NUMERIC_ID.matcher(nonNull(value)).matches(), "1 to 20 digits");
  }

  /** Checks an ISO date (YYYY-MM-DD) that is also a real calendar day. */
  public static String isoDate(String what, String value) {
    boolean valid = ISO_DATE.matcher(nonNull(value)).matches() && parses(value);
    return check(what, value, valid, "an ISO date YYYY-MM-DD");
  }

  public static String reportSlug(String value) {
    return check(
        "report slug",
        value,
        KNOWN_REPORT_SLUGS.contains(value),
        "one of " + String.join(", ", KNOWN_REPORT_SLUGS));
  }

  public static String granularity(String value) {
    return check(
        "granularity", value, GRANULARITIES.contains(value), String.join(", ", GRANULARITIES));
  }

  /** Checks an id that Apple's server chose (request, report, instance, segment). */
  public static String serverId(String what, String value) {
    return check(
        what, value, SERVER_ID.matcher(nonNull(value)).matches(), "1 to 128 of A-Z, a-z, 0-9, -");
  }

  public static String attemptId(String value) {
    return check(
        "attempt id",
        value,
        ATTEMPT_ID.matcher(nonNull(value)).matches(),
        "yyyyMMdd'T'HHmmssSSS'Z'-<8 hex digits>");
  }

  private static boolean parses(String isoDate) {
    try {
      LocalDate.parse(isoDate);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  private static String check(String what, String value, boolean valid, String expected) {
    if (!valid) {
      throw new InvalidKeyValueException(
          String.format(Locale.ROOT, "Invalid %s: %s (expected %s)", what, value, expected));
    }

    return value;
  }
}
