package io.appstoreetl.launcher.report;

import io.appstoreetl.launcher.health.PublishingSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The colours of the report's freshness matrix. The tables and the latest metric date Apple should
 * have published by a given instant come from {@link PublishingSchedule}, the rules that {@code
 * health} checks, so the page and the health check never disagree about what is late.
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

  private FreshnessRules() {}

  /** Returns the matrix's tables in column order, which are the tables {@code health} checks. */
  public static List<String> tables() {
    return PublishingSchedule.rules().stream().map(PublishingSchedule.Rule::table).toList();
  }

  /** Returns the latest metric date of {@code table} that Apple should have published by now. */
  public static LocalDate expectedLatest(String table, Instant now) {
    return PublishingSchedule.rule(table)
        .orElseThrow(() -> new IllegalArgumentException("Invalid freshness table: " + table))
        .expectedLatest(now);
  }

  /**
   * Returns how many days the latest metric date is behind the latest one Apple should have
   * published by {@code now}: 0 when on time (or ahead).
   */
  public static long lagDays(String table, LocalDate latest, Instant now) {
    return Math.max(0, ChronoUnit.DAYS.between(latest, expectedLatest(table, now)));
  }

  public static Status status(String table, LocalDate latest, Instant now) {
    if (latest == null) {
      return Status.NONE;
    }
    long lag = lagDays(table, latest, now);
    if (lag == 0) {
      return Status.FRESH;
    }

    return lag <= LATE_DAYS ? Status.LATE : Status.STALE;
  }
}
