package io.appstoreetl.sandbox.data;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The granularity of an analytics report instance, with Apple's publication calendar.
 *
 * <p>A DAILY instance is made every day. A WEEKLY instance is made every Friday for the previous
 * Monday to Sunday, and a MONTHLY instance on the 5th for the previous month. The rows of a weekly
 * or monthly instance carry the first day of their period (a Monday, the 1st) in {@code Date}.
 */
public enum Granularity {
  DAILY,
  WEEKLY,
  MONTHLY;

  /** Days from the Monday that starts a week to the Friday that publishes it. */
  private static final int WEEK_PUBLICATION_LAG_DAYS = 11;

  /** Day of the month on which the previous month's instance appears. */
  private static final int MONTH_PUBLICATION_DAY = 5;

  /** Returns whether an instance of this granularity is made on that day. */
  public boolean isProcessingDate(LocalDate date) {
    return switch (this) {
      case DAILY -> true;
      case WEEKLY -> date.getDayOfWeek() == DayOfWeek.FRIDAY;
      case MONTHLY -> date.getDayOfMonth() == MONTH_PUBLICATION_DAY;
    };
  }

  /** Returns whether a period of this granularity starts on that day. */
  public boolean isPeriodStart(LocalDate date) {
    return switch (this) {
      case DAILY -> true;
      case WEEKLY -> date.getDayOfWeek() == DayOfWeek.MONDAY;
      case MONTHLY -> date.getDayOfMonth() == 1;
    };
  }

  /**
   * Returns the first day of the weekly or monthly period that the instance made on {@code
   * processingDate} covers.
   *
   * @throws IllegalStateException for DAILY, whose instances contain several metric dates
   */
  public LocalDate periodStartOf(LocalDate processingDate) {
    return switch (this) {
      case DAILY -> throw new IllegalStateException("[BUG] a DAILY instance has no single period");
      case WEEKLY -> processingDate.minusDays(WEEK_PUBLICATION_LAG_DAYS);
      case MONTHLY -> processingDate.minusMonths(1).withDayOfMonth(1);
    };
  }

  /** Returns the last day of the period that starts on {@code periodStart}. */
  public LocalDate periodEnd(LocalDate periodStart) {
    return switch (this) {
      case DAILY -> periodStart;
      case WEEKLY -> periodStart.plusDays(6);
      case MONTHLY -> periodStart.with(TemporalAdjusters.lastDayOfMonth());
    };
  }

  /** Returns the day the instance of the weekly or monthly period starting then is made. */
  public LocalDate processingDateOf(LocalDate periodStart) {
    return switch (this) {
      case DAILY -> throw new IllegalStateException("[BUG] a DAILY period has no single instance");
      case WEEKLY -> periodStart.plusDays(WEEK_PUBLICATION_LAG_DAYS);
      case MONTHLY -> periodStart.plusMonths(1).withDayOfMonth(MONTH_PUBLICATION_DAY);
    };
  }

  /** Returns how many days of traffic one row of this granularity sums, for scaling metrics. */
  public int metricScale() {
    return switch (this) {
      case DAILY -> 1;
      case WEEKLY -> 7;
      case MONTHLY -> 30;
    };
  }
}
