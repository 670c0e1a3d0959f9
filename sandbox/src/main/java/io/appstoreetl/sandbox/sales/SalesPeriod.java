package io.appstoreetl.sandbox.sales;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The days a Sales and Trends report covers, and when Apple publishes it.
 *
 * @param frequency {@code DAILY}, {@code WEEKLY} or {@code MONTHLY}
 * @param start the first day: the day, the Monday, or the 1st
 * @param end the last day: the day, the Sunday, or the last of the month
 */
public record SalesPeriod(String frequency, LocalDate start, LocalDate end) {

  /** Returns the period of that frequency that contains the day. */
  public static SalesPeriod containing(String frequency, LocalDate day) {
    return switch (frequency) {
      case "DAILY" -> new SalesPeriod(frequency, day, day);
      case "WEEKLY" -> {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new SalesPeriod(frequency, monday, monday.plusDays(6));
      }
      case "MONTHLY" ->
          new SalesPeriod(
              frequency, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
      default ->
          throw new IllegalArgumentException(
              "Invalid frequency: " + frequency + " (expected DAILY, WEEKLY or MONTHLY)");
    };
  }

  /**
   * Returns the first day on which Apple serves the report: the next day for a daily report, the
   * Monday after the week, the 5th of the next month for a monthly report.
   */
  public LocalDate publishedOn() {
    return switch (frequency) {
      case "MONTHLY" -> end.plusDays(5);
      default -> end.plusDays(1);
    };
  }

  /** Returns the period that was last published on or before {@code today}. */
  public static SalesPeriod latestPublished(String frequency, LocalDate today) {
    SalesPeriod period = containing(frequency, today);
    while (period.publishedOn().isAfter(today)) {
      period = containing(frequency, period.start().minusDays(1));
    }
    return period;
  }
}
