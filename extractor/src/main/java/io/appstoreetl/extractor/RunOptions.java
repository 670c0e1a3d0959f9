package io.appstoreetl.extractor;

import io.appstoreetl.extractor.raw.KeyValues;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one run.
 *
 * @param command {@code extract} (the daily run) or {@code backfill}
 * @param date the run's metric date: the day the daily reports are about
 * @param backfillFrom first metric date of a backfill; {@code null} for extract
 * @param backfillTo last metric date of a backfill; {@code null} for extract
 * @param granularities analytics and SALES granularities (DAILY, WEEKLY, MONTHLY)
 * @param threads size of the pool that apps, reports and report dates share
 * @param sources the sources an extract lands; a backfill lands analytics only
 * @param fiscalMonth the finance reports' fiscal month
 */
public record RunOptions(
    String command,
    LocalDate date,
    LocalDate backfillFrom,
    LocalDate backfillTo,
    List<String> granularities,
    int threads,
    Set<Source> sources,
    YearMonth fiscalMonth) {
  public static final String EXTRACT = "extract";
  public static final String BACKFILL = "backfill";

  /** Days of daily Sales and Trends reports a run fetches when they have not landed yet. */
  public static final int SALES_HEAL_DAYS = 7;

  /** Weeks and months of WEEKLY and MONTHLY SALES reports a run fetches when missing. */
  public static final int SALES_HEAL_PERIODS = 2;

  /** A kind of data a run can land. */
  public enum Source {
    ANALYTICS,
    REVIEWS,
    SALES,
    FINANCE,
    APPS,
    APPLE_ADS
  }

  public RunOptions {
    Objects.requireNonNull(command, "command == null");
    Objects.requireNonNull(date, "date == null");
    granularities = List.copyOf(granularities);
    granularities.forEach(KeyValues::granularity);
    sources = sources.isEmpty() ? EnumSet.noneOf(Source.class) : EnumSet.copyOf(sources);
    if (threads < 1) {
      throw new IllegalArgumentException(
          "Invalid thread count: " + threads + " (expected 1 or more)");
    }
    if (BACKFILL.equals(command) && (backfillFrom == null || backfillTo == null)) {
      throw new IllegalArgumentException("[BUG] a backfill needs its first and last date");
    }
  }

  public boolean isBackfill() {
    return BACKFILL.equals(command);
  }

  public boolean lands(Source source) {
    return sources.contains(source);
  }
}
