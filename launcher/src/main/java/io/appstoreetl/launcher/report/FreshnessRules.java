package io.appstoreetl.launcher.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of the freshness matrix and how many days after a metric date Apple publishes its
 * DAILY data.
 *
 * <p>Analytics reports: a DAILY instance is processed the day after the day it covers. Sales and
 * Trends daily reports (sales, subscriptions, subscription events) come the next day, usually by 8
 * a.m. Pacific. So every table here is expected to reach yesterday; the matrix colours the days
 * beyond that. Late restatements within Apple's completeness windows do not change the latest date,
 * so they do not count as lag.
 */
public final class FreshnessRules {

  /** A cell's colour class: on time, a little late, stale, or no rows at all. */
  public enum Status {
    FRESH,
    LATE,
    STALE,
    NONE
  }

  /** Lag in days up to which a table counts as late rather than stale. */
  public static final int LATE_DAYS = 2;

  private static final Map<String, Integer> PUBLISHING_DELAY_DAYS = new LinkedHashMap<>();

  static {
    for (String table :
        List.of(
            "downloads",
            "engagement",
            "sessions",
            "installs_deletions",
            "purchases",
            "crashes",
            "sales",
            "subscriptions",
            "subscription_events")) {
      PUBLISHING_DELAY_DAYS.put(table, 1);
    }
  }

  private FreshnessRules() {}

  /** Returns the matrix's tables, in column order. */
  public static List<String> tables() {
    return List.copyOf(PUBLISHING_DELAY_DAYS.keySet());
  }

  public static int publishingDelayDays(String table) {
    Integer days = PUBLISHING_DELAY_DAYS.get(table);
    if (days == null) {
      throw new IllegalArgumentException("Invalid freshness table: " + table);
    }

    return days;
  }

  /**
   * Returns how many days the latest metric date is behind the latest one Apple should have
   * published by {@code today}: 0 when on time (or ahead).
   */
  public static long lagDays(String table, LocalDate latest, LocalDate today) {
    LocalDate expected = today.minusDays(publishingDelayDays(table));
    return Math.max(0, ChronoUnit.DAYS.between(latest, expected));
  }

  public static Status status(String table, LocalDate latest, LocalDate today) {
    if (latest == null) {
      return Status.NONE;
    }
    long lag = lagDays(table, latest, today);
    if (lag == 0) {
      return Status.FRESH;
    }

    return lag <= LATE_DAYS ? Status.LATE : Status.STALE;
  }
}
