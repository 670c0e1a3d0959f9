package io.appstoreetl.curation.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conventions of a report family: how dates are written and whether {@code Total_} footer lines
 * may follow the data.
 */
public enum ReportFormat {
  /** Analytics Reports segments: ISO dates, no footer. */
  ANALYTICS("YYYY-MM-DD", false /* ISO only */, false /* no footers */),
  /**
   * Sales and Trends SALES files: {@code MM/DD/YYYY} dates (older archives also {@code M/D/YY});
   * some downloaded files carry footer lines.
   */
  SALES("MM/DD/YYYY or M/D/YY", true /* US dates */, true /* footers */),
  /**
   * Subscription reports: ISO dates in samples of the event report; US dates are accepted too,
   * because the Sales and Trends family writes them elsewhere.
   */
  SUBSCRIPTION("YYYY-MM-DD or MM/DD/YYYY", true /* US dates too */, false /* no footers */),
  /** Financial reports: {@code MM/DD/YYYY} dates and footer lines after the data. */
  FINANCE("MM/DD/YYYY or M/D/YY", true /* US dates */, true /* footers */);

  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})");
  // Two-digit years in old sales files are all in this century.
  private static final int TWO_DIGIT_YEAR_BASE = 2000;

  private final String expectedDateForm;
  private final boolean usDates;
  private final boolean footers;

  ReportFormat(String expectedDateForm, boolean usDates, boolean footers) {
    this.expectedDateForm = expectedDateForm;
    this.usDates = usDates;
    this.footers = footers;
  }

  /** Returns the accepted date forms, as error messages name them. */
  public String expectedDateForm() {
    return expectedDateForm;
  }

  /** True when lines starting with {@code Total_} are footers rather than data. */
  public boolean hasFooters() {
    return footers;
  }

  /**
   * Returns the date in {@code text}, or null when it is not a valid date in this format. Every
   * format accepts ISO dates, which cannot be mistaken for US ones; all but ANALYTICS also accept
   * {@code MM/DD/YYYY} and {@code M/D/YY}.
   */
  public LocalDate parseDate(String text) {
    String trimmed = text.trim();
    if (isPlainIsoDate(trimmed)) {
      // Every row of a file carries its date, so the usual form skips the regular expressions.
      return date(digits(trimmed, 0, 4), digits(trimmed, 5, 7), digits(trimmed, 8, 10));
    }
    Matcher iso = ISO_DATE.matcher(trimmed);
    if (iso.matches()) {
      return date(iso.group(1), iso.group(2), iso.group(3));
    }
    Matcher us = US_DATE.matcher(trimmed);
    if (!usDates || !us.matches()) {
      return null;
    }

    String yearText = us.group(3);
    int year = Integer.parseInt(yearText);
    if (yearText.length() == 2) {
      year += TWO_DIGIT_YEAR_BASE;
    }
    return date(Integer.toString(year), us.group(1), us.group(2));
  }

  /** True for exactly {@code dddd-dd-dd} with ASCII digits. */
  private static boolean isPlainIsoDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      char c = text.charAt(i);
      if (i != 4 && i != 7 && (c < '0' || c > '9')) {
        return false;
      }
    }

    return true;
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }

    return value;
  }

  private static LocalDate date(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static LocalDate date(String year, String month, String day) {
    try {
      return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    } catch (DateTimeException e) {
      return null;
    }
  }
}
