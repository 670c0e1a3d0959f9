package io.appstoreetl.launcher.health;

import io.appstoreetl.launcher.health.HealthReport.RequestRow;
import io.appstoreetl.launcher.health.HealthReport.RunRow;
import io.appstoreetl.launcher.health.HealthReport.TableRow;
import io.appstoreetl.launcher.health.LakeFacts.AppDates;
import io.appstoreetl.launcher.health.LakeFacts.RunRecord;
import io.appstoreetl.launcher.health.LakeFacts.TableFacts;
import io.appstoreetl.launcher.health.PublishingSchedule.Rule;
import io.appstoreetl.launcher.health.PublishingSchedule.Scope;
import io.appstoreetl.launcher.health.RawFacts.AppEntry;
import io.appstoreetl.launcher.health.RawFacts.ExtractorRun;
import io.appstoreetl.launcher.health.RawFacts.Registration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns what was read from the tables and the raw zone into a {@link HealthReport}. Pure: no I/O,
 * so every rule is tested without Spark.
 *
 * <p>{@link #freshness} computes one table's freshness for one app; other pages (such as a report's
 * freshness matrix) can call it with the same inputs.
 */
public final class HealthCheck {

  /** A daily pipeline whose last run started longer ago than this is reported. */
  public static final Duration MAX_RUN_AGE = Duration.ofHours(48);

  public static final String STALE = "stale";
  public static final String GAPS = "gaps";
  public static final String NO_DATA = "no_data";
  public static final String ABSENT = "absent";

  private HealthCheck() {}

  /** Returns the first metric date of the window that ends at {@code now}: N days back. */
  public static LocalDate windowStart(Instant now, int days) {
    return now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(days);
  }

  /**
   * Evaluates the facts as of {@code now} over the last {@code days} days.
   *
   * @param lake what the Spark job read from the tables
   * @param raw what was read from the raw zone
   */
  public static HealthReport evaluate(LakeFacts lake, RawFacts raw, Instant now, int days) {
    LocalDate windowStart = windowStart(now, days);
    List<String> problems = new ArrayList<>();
    for (String unreadable : raw.unreadable()) {
      problems.add("Unreadable raw-zone file " + unreadable);
    }

    SortedSet<Long> apps = knownApps(lake, raw);
    List<TableRow> tables = new ArrayList<>();
    for (Rule rule : PublishingSchedule.rules()) {
      TableFacts facts = lake.table(rule.table());
      if (facts == null) {
        continue;
      }
      if (rule.scope() == Scope.PER_APP) {
        for (Long app : apps) {
          tables.add(freshness(rule, facts, app, now, windowStart));
        }
      } else {
        tables.add(freshness(rule, facts, null, now, windowStart));
      }
    }
    for (TableRow row : tables) {
      tableProblem(row).ifPresent(problems::add);
    }

    List<RequestRow> requests = requests(raw);
    for (RequestRow request : requests) {
      if (request.status().equals("stopped")) {
        problems.add(
            "App "
                + request.appId()
                + ": ONGOING request "
                + request.previousRequestId()
                + " stopped; its replacement "
                + request.requestId()
                + " (registered "
                + request.registeredAt()
                + ") has landed nothing yet");
      }
    }

    List<RunRow> runs = new ArrayList<>();
    runs.add(extractorRun(raw, now, windowStart, problems));
    runs.add(curationRun(lake, raw, now, problems));

    return new HealthReport(now, days, windowStart, tables, requests, runs, problems);
  }

  /**
   * Computes the freshness of one table for one app ({@code appId} null: over all apps): the latest
   * metric date against the latest one Apple should have published by {@code now}, and the dates
   * without rows from {@code windowStart} (or the app's first date, if later) to that expected
   * date.
   */
  public static TableRow freshness(
      Rule rule, TableFacts facts, Long appId, Instant now, LocalDate windowStart) {
    LocalDate expected = rule.expectedLatest(now);
    LocalDate finalThrough = rule.finalThrough(now);
    if (!facts.exists()) {
      String status = rule.scope() == Scope.PER_APP ? NO_DATA : ABSENT;
      return new TableRow(
          rule.table(),
          appId,
          null,
          expected,
          null,
          rule.completenessDays(),
          finalThrough,
          List.of(),
          status);
    }
    AppDates dates = facts.app(appId);
    if (dates == null) {
      return new TableRow(
          rule.table(),
          appId,
          null,
          expected,
          null,
          rule.completenessDays(),
          finalThrough,
          List.of(),
          NO_DATA);
    }

    LocalDate start = dates.firstDate().isAfter(windowStart) ? dates.firstDate() : windowStart;
    List<LocalDate> missing = new ArrayList<>();
    for (LocalDate d = start; !d.isAfter(expected); d = d.plusDays(1)) {
      if (!dates.dates().contains(d) && !facts.emptyDates().contains(d)) {
        missing.add(d);
      }
    }
    LocalDate latest = dates.lastDate();
    for (LocalDate empty : facts.emptyDates()) {
      if (empty.isAfter(latest)) {
        latest = empty;
      }
    }
    int lag = (int) ChronoUnit.DAYS.between(latest, expected);
    String status = lag > 0 ? STALE : missing.isEmpty() ? HealthReport.OK : GAPS;
    return new TableRow(
        rule.table(),
        appId,
        latest,
        expected,
        lag,
        rule.completenessDays(),
        finalThrough,
        missing,
        status);
  }

  private static java.util.Optional<String> tableProblem(TableRow row) {
    String where = row.table() + (row.appId() == null ? "" : " for app " + row.appId());
    return switch (row.status()) {
      case STALE ->
          java.util.Optional.of(
              where
                  + " is stale: latest metric date "
                  + row.latest()
                  + ", expected "
                  + row.expected()
                  + " ("
                  + row.lagDays()
                  + (row.lagDays() == 1 ? " day" : " days")
                  + " behind)"
                  + (row.missingDates().isEmpty()
                      ? ""
                      : "; missing " + HealthReport.ranges(row.missingDates())));
      case GAPS ->
          java.util.Optional.of(where + " is missing " + HealthReport.ranges(row.missingDates()));
      case NO_DATA -> java.util.Optional.of(where + " has no rows; expected " + row.expected());
      default -> java.util.Optional.empty();
    };
  }

  private static SortedSet<Long> knownApps(LakeFacts lake, RawFacts raw) {
    SortedSet<Long> apps = new TreeSet<>();
    for (Rule rule : PublishingSchedule.rules()) {
      TableFacts facts = lake.table(rule.table());
      if (rule.scope() == Scope.PER_APP && facts != null) {
        facts.apps().stream().map(AppDates::appId).filter(a -> a != null).forEach(apps::add);
      }
    }
    raw.registrations().forEach(r -> apps.add(Long.parseLong(r.appId())));
    raw.latestRun()
        .ifPresent(run -> run.apps().forEach(app -> apps.add(Long.parseLong(app.appId()))));
    return apps;
  }

  private static List<RequestRow> requests(RawFacts raw) {
    List<RequestRow> rows = new ArrayList<>();
    for (Registration registration : raw.registrations()) {
      String previous = null;
      int landed = 0;
      for (ExtractorRun run : raw.runs()) {
        for (AppEntry app : run.apps()) {
          if (!app.appId().equals(registration.appId())
              || !"ONGOING".equals(app.accessType())
              || app.requestId() == null) {
            continue;
          }
          if (app.requestId().equals(registration.requestId())) {
            landed += app.instancesLanded();
          } else {
            previous = app.requestId();
          }
        }
      }
      String status = HealthReport.OK;
      if (previous != null) {
        status = landed > 0 ? "replaced" : "stopped";
      }
      rows.add(
          new RequestRow(
              registration.appId(),
              registration.requestId(),
              registration.updatedAt(),
              previous,
              landed,
              status));
    }
    return rows;
  }

  private static RunRow extractorRun(
      RawFacts raw, Instant now, LocalDate windowStart, List<String> problems) {
    if (raw.latestRun().isEmpty()) {
      problems.add("No extractor run summary since " + windowStart);
      return new RunRow("extractor", null, null, null, "none", null, List.of(), "raw zone");
    }
    ExtractorRun run = raw.latestRun().get();
    String status = HealthReport.OK;
    if (run.errorsTotal() > 0) {
      status = "errors";
      problems.add(
          "Last extractor run "
              + run.runId()
              + " reported "
              + run.errorsTotal()
              + (run.errorsTotal() == 1 ? " error" : " errors")
              + (run.errors().isEmpty() ? "" : ": " + String.join("; ", first(run.errors(), 3))));
    } else if (run.finishedAt() == null) {
      status = "unfinished";
      problems.add("Last extractor run " + run.runId() + " has no finish time");
    } else if (run.startedAt() != null && run.startedAt().isBefore(now.minus(MAX_RUN_AGE))) {
      status = "too_old";
      problems.add(
          "Last extractor run "
              + run.runId()
              + " started "
              + run.startedAt()
              + ", more than "
              + MAX_RUN_AGE.toHours()
              + " hours ago");
    }
    return new RunRow(
        "extractor",
        run.runId(),
        text(run.startedAt()),
        text(run.finishedAt()),
        status,
        run.errorsTotal(),
        run.errors(),
        "raw zone: " + run.key());
  }

  private static RunRow curationRun(
      LakeFacts lake, RawFacts raw, Instant now, List<String> problems) {
    RunRecord run = lake.latestRuns().get("curation");
    if (run == null) {
      problems.add("No curation run recorded in table runs");
      return new RunRow("curation", null, null, null, "none", null, List.of(), "table runs");
    }
    Instant started = run.startedAt() == null ? null : run.startedAt().toInstant(ZoneOffset.UTC);
    String status = HealthReport.OK;
    if (!HealthReport.OK.equals(run.status())) {
      status = run.status() == null ? "unknown" : run.status();
      problems.add("Last curation run " + run.runId() + " has status " + status);
    } else if (started != null && started.isBefore(now.minus(MAX_RUN_AGE))) {
      status = "too_old";
      problems.add(
          "Last curation run "
              + run.runId()
              + " started "
              + started
              + ", more than "
              + MAX_RUN_AGE.toHours()
              + " hours ago");
    } else if (started != null
        && raw.latestRun().isPresent()
        && raw.latestRun().get().finishedAt() != null
        && started.isBefore(raw.latestRun().get().finishedAt())) {
      status = "behind";
      problems.add(
          "Last curation run "
              + run.runId()
              + " started before the last extractor run "
              + raw.latestRun().get().runId()
              + " finished: what it landed is not curated yet");
    }
    return new RunRow(
        "curation",
        run.runId(),
        text(run.startedAt()),
        text(run.finishedAt()),
        status,
        run.errorsTotal(),
        run.errors(),
        "table runs");
  }

  private static List<String> first(List<String> values, int count) {
    return values.size() <= count ? values : values.subList(0, count);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String text(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC).toString();
  }
}
