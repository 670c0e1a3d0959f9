package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The analytics instances that exist on a given simulated day, and the metric dates each contains.
 *
 * <p>As Apple does, the DAILY instance with processing date {@code P} contains the metric dates
 * {@code P-1} back to {@code P-restatementDays}, and a later instance supersedes an earlier one for
 * the same metric date. A WEEKLY or MONTHLY instance contains one whole period (see {@link
 * Granularity}). No instance contains a metric date before the history start, and a weekly or
 * monthly period counts only when it starts on or after the history start.
 *
 * <p>An instance is deleted 35 days after it was generated. An ONGOING instance is generated on its
 * processing date. The instances of a ONE_TIME_SNAPSHOT are all generated on the snapshot's day, so
 * they cover the whole history and all expire together 35 days later.
 */
public final class InstanceCalendar {

  /**
   * Days an instance stays listed: generated on {@code G}, listed from {@code G} to {@code G+34}.
   */
  public static final int RETENTION_DAYS = 35;

  private final LocalDate historyStart;
  private final int restatementDays;

  public InstanceCalendar(LocalDate historyStart, int restatementDays) {
    this.historyStart = historyStart;
    this.restatementDays = restatementDays;
  }

  /** Returns the metric dates a DAILY instance with this processing date contains, oldest first. */
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
   * Returns how many DAILY instances have contained the metric date up to and including this one: 1
   * for the first instance ({@code P = date + 1}), 2 for the next, and so on.
   */
  public int version(LocalDate processingDate, LocalDate metricDate) {
    return (int) ChronoUnit.DAYS.between(metricDate, processingDate);
  }

  /** Returns the processing dates of the DAILY ONGOING instances listed on {@code today}. */
  public List<LocalDate> availableProcessingDates(LocalDate today) {
    return ongoingProcessingDates(Granularity.DAILY, today);
  }

  /**
   * Returns the processing dates of the ONGOING instances of this granularity listed on {@code
   * today}, oldest first.
   */
  public List<LocalDate> ongoingProcessingDates(Granularity granularity, LocalDate today) {
    return processingDates(granularity, retentionStart(today), today);
  }

  /**
   * Returns the processing dates of the instances of a snapshot generated on {@code snapshotDay},
   * as listed on {@code today}: every processing date with data up to the snapshot's day, or none
   * before that day and once the snapshot has expired.
   */
  public List<LocalDate> snapshotProcessingDates(
      Granularity granularity, LocalDate snapshotDay, LocalDate today) {
    if (!isSnapshotListed(snapshotDay, today)) {
      return List.of();
    }
    return processingDates(granularity, historyStart, snapshotDay);
  }

  /** Returns whether the instances of a snapshot generated on {@code snapshotDay} are listed. */
  public boolean isSnapshotListed(LocalDate snapshotDay, LocalDate today) {
    return !today.isBefore(snapshotDay) && !today.isAfter(snapshotDay.plusDays(RETENTION_DAYS - 1));
  }

  /** Returns whether an ONGOING instance with this processing date is listed on {@code today}. */
  public boolean isAvailable(LocalDate processingDate, LocalDate today) {
    return !processingDate.isBefore(retentionStart(today)) && !processingDate.isAfter(today);
  }

  /** Returns whether an instance of this granularity made on that day has data. */
  public boolean hasData(Granularity granularity, LocalDate processingDate) {
    if (!granularity.isProcessingDate(processingDate)) {
      return false;
    }
    if (granularity == Granularity.DAILY) {
      return !processingDate.minusDays(1).isBefore(historyStart);
    }
    return !granularity.periodStartOf(processingDate).isBefore(historyStart);
  }

  /**
   * Returns the processing date of the latest ONGOING DAILY instance listed on {@code today} that
   * contains the metric date, or empty when no listed instance contains it.
   */
  public Optional<LocalDate> latestProcessingDateHolding(LocalDate metricDate, LocalDate today) {
    return latestDailyHolding(metricDate, today).filter(p -> isAvailable(p, today));
  }

  /**
   * Returns the processing date of the latest DAILY instance made on or before {@code lastDay} that
   * contains the metric date, ignoring retention, or empty when none does.
   */
  public Optional<LocalDate> latestDailyHolding(LocalDate metricDate, LocalDate lastDay) {
    if (metricDate.isBefore(historyStart) || !metricDate.isBefore(lastDay)) {
      return Optional.empty();
    }
    LocalDate latest = metricDate.plusDays(restatementDays);
    return Optional.of(latest.isAfter(lastDay) ? lastDay : latest);
  }

  /**
   * Returns the metric dates contained in at least one ONGOING DAILY instance listed on {@code
   * today}, sorted.
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

  private List<LocalDate> processingDates(Granularity granularity, LocalDate from, LocalDate to) {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      if (hasData(granularity, date)) {
        dates.add(date);
      }
    }
    return dates;
  }

  private static LocalDate retentionStart(LocalDate today) {
    return today.minusDays(RETENTION_DAYS - 1);
  }
}
