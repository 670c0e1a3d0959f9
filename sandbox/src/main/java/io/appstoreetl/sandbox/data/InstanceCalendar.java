package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/* The DAILY analytics instances that exist on a given simulated day, and the metric dates each
 * contains.
 *
 * <p>As Apple does, the instance with processing date {@code P} contains the metric dates {@code P-1}
 * back to {@code P-restatementDays}, a later instance supersedes an earlier one for the same metric
 * date, and an instance is deleted 35 days after it was made. No instance contains a metric date
 * before the history start.
 */
public final class InstanceCalendar {

  /** Days an instance stays listed: processing dates {@code today-34 .. today}. */
  public static final int RETENTION_DAYS = 35;

  private final LocalDate historyStart;
  private final int restatementDays;

  public InstanceCalendar(LocalDate historyStart, int restatementDays) {
    this.historyStart = historyStart;
    this.restatementDays = restatementDays;
  }

  /** Returns the metric dates an instance with this processing date contains, oldest first. */
  public List<LocalDate> metricDatesOf(LocalDate processingDate) {
    List<LocalDate> dates = new ArrayList<>();
    for (int back = restatementDays; back >= 1; back--) {
      LocalDate date = processingDate.minusDays(back);
      if (!date.isBefore(historyStart)) {
        dates.add(date);
      }
    }
    return dates;
  }

  /**
   * Returns how many instances have contained the metric date up to and including this one: 1 for
   * the first instance ({@code P = date + 1}), 2 for the next, and so on.
   */
  public int version(LocalDate processingDate, LocalDate metricDate) {
    return (int) ChronoUnit.DAYS.between(metricDate, processingDate);
  }

  /** Returns the processing dates of the instances listed on {@code today}, oldest first. */
  public List<LocalDate> availableProcessingDates(LocalDate today) {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = firstAvailableProcessingDate(today);
        !date.isAfter(today);
        date = date.plusDays(1)) {
      dates.add(date);
    }
    return dates;
  }

  /** Returns whether an instance with this processing date is listed on {@code today}. */
  public boolean isAvailable(LocalDate processingDate, LocalDate today) {
    return !processingDate.isBefore(firstAvailableProcessingDate(today))
        && !processingDate.isAfter(today);
  }

  /**
   * Returns the processing date of the latest instance listed on {@code today} that contains the
   * metric date, or empty when no listed instance contains it.
   */
  public Optional<LocalDate> latestProcessingDateHolding(LocalDate metricDate, LocalDate today) {
    if (metricDate.isBefore(historyStart) || !metricDate.isBefore(today)) {
      return Optional.empty();
    }
    LocalDate latest = metricDate.plusDays(restatementDays);
    if (latest.isAfter(today)) {
      latest = today;
    }
    return isAvailable(latest, today) ? Optional.of(latest) : Optional.empty();
  }

  /**
   * Returns the metric dates contained in at least one instance listed on {@code today}, sorted.
   */
  public List<LocalDate> metricDatesWithData(LocalDate today) {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = historyStart; date.isBefore(today); date = date.plusDays(1)) {
      if (latestProcessingDateHolding(date, today).isPresent()) {
        dates.add(date);
      }
    }
    return dates;
  }

  private LocalDate firstAvailableProcessingDate(LocalDate today) {
    LocalDate afterHistoryStart = historyStart.plusDays(1);
    LocalDate retentionStart = today.minusDays(RETENTION_DAYS - 1);
    return afterHistoryStart.isAfter(retentionStart) ? afterHistoryStart : retentionStart;
  }
}
