package io.appstoreetl.launcher.health;

import io.appstoreetl.launcher.health.LakeFacts.AppDates;
import io.appstoreetl.launcher.health.LakeFacts.RunRecord;
import io.appstoreetl.launcher.health.LakeFacts.TableFacts;
import io.appstoreetl.launcher.health.RawFacts.AppEntry;
import io.appstoreetl.launcher.health.RawFacts.ExtractorRun;
import io.appstoreetl.launcher.health.RawFacts.Registration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Builds the facts of a small lake for the health tests: table {@code downloads} for app 1000000001
 * and table {@code sales}, checked at 2025-01-11T07:00:00Z over 5 days.
 */
final class HealthFacts {
  static final Instant NOW = Instant.parse("2025-01-11T07:00:00Z");
  static final long APP = 1000000001L;

  LocalDate downloadsFirst = LocalDate.parse("2024-12-01");
  SortedSet<LocalDate> downloadsDates = range("2025-01-06", "2025-01-10");
  SortedSet<LocalDate> salesDates = range("2025-01-06", "2025-01-09");
  SortedSet<LocalDate> salesEmptyDates = new TreeSet<>();
  long extractorErrors = 0;
  List<String> extractorErrorMessages = new ArrayList<>();
  List<ExtractorRun> earlierRuns = new ArrayList<>();
  String curationStatus = "ok";
  Instant curationStarted = Instant.parse("2025-01-11T06:10:00Z");

  static SortedSet<LocalDate> range(String from, String to) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    LocalDate.parse(from).datesUntil(LocalDate.parse(to).plusDays(1)).forEach(dates::add);
    return dates;
  }

  LakeFacts lake() {
    TableFacts downloads =
        new TableFacts(
            "downloads",
            true,
            List.of(
                new AppDates(null, downloadsFirst, downloadsDates.last(), downloadsDates),
                new AppDates(APP, downloadsFirst, downloadsDates.last(), downloadsDates)),
            new TreeSet<>());
    List<AppDates> salesApps =
        salesDates.isEmpty()
            ? List.of()
            : List.of(
                new AppDates(null, LocalDate.parse("2024-06-01"), salesDates.last(), salesDates));
    TableFacts sales = new TableFacts("sales", true, salesApps, salesEmptyDates);
    Map<String, RunRecord> runs = new LinkedHashMap<>();
    runs.put(
        "curation",
        new RunRecord(
            "curation",
            "20250111T061000000Z-0000c001",
            LocalDateTime.ofInstant(curationStarted, java.time.ZoneOffset.UTC),
            LocalDateTime.ofInstant(curationStarted.plusSeconds(300), java.time.ZoneOffset.UTC),
            curationStatus,
            0L,
            List.of()));
    return new LakeFacts(List.of(downloads, sales), true, runs);
  }

  RawFacts raw() {
    List<ExtractorRun> runs = new ArrayList<>(earlierRuns);
    runs.add(
        new ExtractorRun(
            "runs/extractor/run_date=2025-01-10/20250111T060000000Z-0000e001.json",
            "20250111T060000000Z-0000e001",
            Instant.parse("2025-01-11T06:00:00Z"),
            Instant.parse("2025-01-11T06:05:00Z"),
            extractorErrors,
            extractorErrorMessages,
            List.of(new AppEntry(Long.toString(APP), "ONGOING", "request-2", 3))));
    return new RawFacts(
        runs,
        List.of(
            new Registration(
                Long.toString(APP), "request-2", Instant.parse("2025-01-02T06:00:01Z"))),
        List.of());
  }

  HealthReport report() {
    return HealthCheck.evaluate(lake(), raw(), NOW, 5);
  }
}
