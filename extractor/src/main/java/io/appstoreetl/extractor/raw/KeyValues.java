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
  /** Report slugs of the raw-zone contract; {@link #reportSlug} rejects any other. */
  public static final List<String> KNOWN_REPORT_SLUGS =
      List.of(
          "app_downloads_standard",
          "app_downloads_detailed",
          "app_store_discovery_and_engagement_standard",
          "app_store_discovery_and_engagement_detailed",
          "app_sessions_standard",
          "app_sessions_detailed",
          "app_store_installation_and_deletion_standard",
          "app_store_installation_and_deletion_detailed",
          "app_store_purchases_standard",
          "app_store_purchases_detailed",
          "app_crashes",
          "sales_summary",
          "subscription_summary",
          "subscription_event_summary",
          "subscriber_detailed");

  /** Finance report slugs: {@code FINANCIAL} and {@code FINANCE_DETAIL} in lower case. */
  public static final List<String> FINANCE_REPORT_SLUGS = List.of("financial", "finance_detail");

  public static final List<String> GRANULARITIES = List.of("DAILY", "WEEKLY", "MONTHLY");

  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
  private static final Pattern REGION_CODE = Pattern.compile("[A-Z0-9]{2}");
  private static final Pattern FISCAL_MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
  private static final Pattern ATTEMPT_ID = Pattern.compile("[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}");

  private KeyValues() {}

  public static String appId(String value) {
    return check("app id", value, NUMERIC_ID.matcher(nonNull(value)).matches(), "1 to 20 digits");
  }

  /** Checks a numeric id of Apple Ads (org, campaign), named {@code what} in the error. */
  public static String numericId(String what, String value) {
    return check(what, value, NUMERIC_ID.matcher(nonNull(value)).matches(), "1 to 20 digits");
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

  public static String financeReportSlug(String value) {
    return check(
        "finance report slug",
        value,
        FINANCE_REPORT_SLUGS.contains(value),
        "one of " + String.join(", ", FINANCE_REPORT_SLUGS));
  }

  /** Checks a finance region code: two upper-case letters or digits, such as ZZ or Z1. */
  public static String regionCode(String value) {
    return check(
        "region code",
        value,
        REGION_CODE.matcher(nonNull(value)).matches(),
        "2 upper-case letters or digits, such as ZZ");
  }

  /** Checks Apple's fiscal month as the finance API takes it: YYYY-MM. */
  public static String fiscalMonth(String value) {
    return check("fiscal month", value, FISCAL_MONTH.matcher(nonNull(value)).matches(), "YYYY-MM");
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
