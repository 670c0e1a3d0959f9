package io.appstoreetl.curation.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conventions of a report family: how dates are written, which column contains the metric date,
 * and whether summary footer lines follow the data.
 */
public enum ReportFormat {
  /** Analytics Reports segments: ISO dates in {@code Date}, no footer. */
  ANALYTICS("metric_date", "YYYY-MM-DD", false /* no footers */),
  /**
   * Sales and Trends files: {@code MM/DD/YYYY} dates (older archives also {@code M/D/YY}) and the
   * metric date in {@code Begin Date}. Lines starting with {@code Total_} are footers, which
   * Apple's financial reports and some downloaded files carry after the data.
   */
  SALES("begin_date", "MM/DD/YYYY or M/D/YY", true /* skips Total_ footers */);

  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})");
  // Two-digit years in old sales files are all in this century.
  private static final int TWO_DIGIT_YEAR_BASE = 2000;

  private final String metricDateColumn;
  private final String expectedDateForm;
  private final boolean skipsTotalFooters;

  ReportFormat(String metricDateColumn, String expectedDateForm, boolean skipsTotalFooters) {
    this.metricDateColumn = metricDateColumn;
    this.expectedDateForm = expectedDateForm;
    this.skipsTotalFooters = skipsTotalFooters;
  }

  /** Returns the name of the table column whose header contains each row's metric date. */
  public String metricDateColumn() {
    return metricDateColumn;
  }

  /** Returns the accepted date forms, as error messages name them. */
  public String expectedDateForm() {
    return expectedDateForm;
  }

  public boolean skipsTotalFooters() {
    return skipsTotalFooters;
  }

  /** Returns the date in {@code text}, or null when it is not a valid date in this format. */
  public LocalDate parseDate(String text) {
    Matcher matcher = (this == ANALYTICS ? ISO_DATE : US_DATE).matcher(text.trim());
    if (!matcher.matches()) {
      return null;
    }

    try {
      if (this == ANALYTICS) {
        return LocalDate.of(
            Integer.parseInt(matcher.group(1)),
            Integer.parseInt(matcher.group(2)),
            Integer.parseInt(matcher.group(3)));
      }
      String yearText = matcher.group(3);
      int year = Integer.parseInt(yearText);
      if (yearText.length() == 2) {
        year += TWO_DIGIT_YEAR_BASE;
      }
      return LocalDate.of(
          year, Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    } catch (DateTimeException e) {
      return null;
    }
  }
}
