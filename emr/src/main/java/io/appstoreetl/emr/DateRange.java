package io.appstoreetl.emr;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An inclusive range of metric dates for the curation job.
 *
 * @param from first metric date
 * @param to last metric date, on or after {@code from}
 */
public record DateRange(LocalDate from, LocalDate to) {

  // The same rule as CurationJob's: "to" at most this many days after "from". A longer range
  // would only start a run that fails.
  static final int MAX_DAYS = 3700;

  public DateRange {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "Invalid --to: " + to + " (expected a date on or after --from " + from + ")");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new IllegalArgumentException(
          "Invalid --from/--to: "
              + from
              + " to "
              + to
              + " (expected --to at most "
              + MAX_DAYS
              + " days after --from)");
    }
  }

  /**
   * Parses {@code --from} and {@code --to} values.
   *
   * @throws IllegalArgumentException naming the option whose value is not {@code YYYY-MM-DD}, or
   *     the range rule that the dates break
   */
  public static DateRange parse(String from, String to) {
    return new DateRange(date("--from", from), date("--to", to));
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(Objects.requireNonNull(text, option + " == null").trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + option + ": " + text + " (expected YYYY-MM-DD)", e);
    }
  }
}
