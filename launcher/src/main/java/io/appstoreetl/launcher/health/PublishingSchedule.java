package io.appstoreetl.launcher.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When Apple publishes each report that the health check watches: the one place in code for
 * publishing delays and completeness windows (docs/operations.md repeats the table).
 *
 * <p>A metric date D of a table is due at {@code D + delayDays} at {@code dueTime} in {@code zone}.
 * The latest date due by a given instant is what Apple should have published by then.
 *
 * <ul>
 *   <li>Analytics: Apple creates one DAILY instance a day and the instance created on D+1 carries
 *       D, so D is due when the daily job runs at 06:00 UTC on D+1. The completeness windows are
 *       those of Apple's "Data completeness" page for analytics reports.
 *   <li>Sales and Trends: Apple's help page states that daily reports come the next day, usually
 *       ready by about 08:00 Pacific time; their days follow Pacific time, and Apple does not
 *       restate them, so their completeness window is 0.
 * </ul>
 */
public final class PublishingSchedule {

  /** Whether the table is checked per app or over all apps together. */
  public enum Scope {
    /** Every app gets its own row: each app has its own report request. */
    PER_APP,
    /** One row for the whole table: a day can legitimately have no row for an app. */
    ALL_APPS
  }

  /** The publishing rule of one table. */
  public record Rule(
      String table,
      String report,
      Scope scope,
      int delayDays,
      LocalTime dueTime,
      ZoneId zone,
      int completenessDays) {

    /** Returns the latest metric date that Apple should have published by {@code now}. */
    public LocalDate expectedLatest(Instant now) {
      ZonedDateTime local = now.atZone(zone);
      LocalDate latest = local.toLocalDate().minusDays(delayDays);
      return local.toLocalTime().isBefore(dueTime) ? latest.minusDays(1) : latest;
    }

    /** Returns the latest metric date that is past Apple's completeness window at {@code now}. */
    public LocalDate finalThrough(Instant now) {
      return expectedLatest(now).minusDays(completenessDays);
    }
  }

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final LocalTime ANALYTICS_DUE = LocalTime.of(6, 0);
  private static final LocalTime SALES_DUE = LocalTime.of(8, 0);

  private static final List<Rule> RULES =
      List.of(
          analytics("downloads", "App Downloads", 2),
          analytics("engagement", "App Store Discovery and Engagement", 3),
          analytics("sessions", "App Sessions", 5),
          analytics("installs_deletions", "App Store Installation and Deletion", 5),
          analytics("purchases", "App Store Purchases", 2),
          analytics("crashes", "App Crashes", 5),
          sales("sales", "Sales and Trends SALES"),
          sales("subscriptions", "Sales and Trends SUBSCRIPTION"),
          sales("subscription_events", "Sales and Trends SUBSCRIPTION_EVENT"));

  private PublishingSchedule() {}

  /** Returns the rules of every table the health check watches, in display order. */
  public static List<Rule> rules() {
    return RULES;
  }

  /** Returns the rule of {@code table}, if the health check watches it. */
  public static Optional<Rule> rule(String table) {
    return RULES.stream().filter(rule -> rule.table().equals(table)).findFirst();
  }

  private static Rule analytics(String table, String report, int completenessDays) {
    return new Rule(table, report, Scope.PER_APP, 1, ANALYTICS_DUE, UTC, completenessDays);
  }

  private static Rule sales(String table, String report) {
    return new Rule(table, report, Scope.ALL_APPS, 1, SALES_DUE, PACIFIC, 0);
  }
}
