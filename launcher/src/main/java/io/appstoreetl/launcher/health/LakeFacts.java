package io.appstoreetl.launcher.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the Spark job {@code io.appstoreetl.curation.health.HealthJob} read from the tables.
 *
 * @param tables one entry per table asked for, in the order asked
 * @param runsTableExists whether the table {@code runs} exists
 * @param latestRuns the latest row of {@code runs} per {@code run_kind}
 */
public record LakeFacts(
    List<TableFacts> tables, boolean runsTableExists, Map<String, RunRecord> latestRuns) {

  /**
   * The DAILY metric dates of one table.
   *
   * @param apps per app, and one entry with a null app over all apps (absent when the table is
   *     empty)
   * @param emptyDates dates that an {@code empty} unit won: known to have no rows
   */
  public record TableFacts(
      String table, boolean exists, List<AppDates> apps, SortedSet<LocalDate> emptyDates) {

    /** Returns the entry of {@code appId} (null: over all apps), if the table has rows of it. */
    public AppDates app(Long appId) {
      for (AppDates app : apps) {
        if (java.util.Objects.equals(app.appId(), appId)) {
          return app;
        }
      }
      return null;
    }
  }

  /**
   * The metric dates of one app in one table.
   *
   * @param dates the dates in the job's window
   */
  public record AppDates(
      Long appId, LocalDate firstDate, LocalDate lastDate, SortedSet<LocalDate> dates) {}

  /** The latest row of one run kind in the table {@code runs}. */
  public record RunRecord(
      String kind,
      String runId,
      LocalDateTime startedAt,
      LocalDateTime finishedAt,
      String status,
      Long errorsTotal,
      List<String> errors) {}

  /** Returns the entry of {@code table}, or null when it was not asked for. */
  public TableFacts table(String table) {
    return tables.stream().filter(t -> t.table().equals(table)).findFirst().orElse(null);
  }

  /** Parses the job's output file. */
  public static LakeFacts fromJson(JsonNode json) {
    List<TableFacts> tables = new ArrayList<>();
    for (JsonNode table : json.path("tables")) {
      List<AppDates> apps = new ArrayList<>();
      for (JsonNode app : table.path("apps")) {
        apps.add(
            new AppDates(
                app.path("app_apple_id").isNull() ? null : app.path("app_apple_id").asLong(),
                LocalDate.parse(app.path("first_date").asText()),
                LocalDate.parse(app.path("last_date").asText()),
                dates(app.path("dates"))));
      }
      tables.add(
          new TableFacts(
              table.path("table").asText(),
              table.path("exists").asBoolean(),
              apps,
              dates(table.path("empty_dates"))));
    }

    Map<String, RunRecord> runs = new LinkedHashMap<>();
    JsonNode latest = json.path("runs").path("latest");
    for (var fields = latest.fields(); fields.hasNext(); ) {
      var field = fields.next();
      JsonNode run = field.getValue();
      List<String> errors = new ArrayList<>();
      run.path("errors").forEach(e -> errors.add(e.asText()));
      runs.put(
          field.getKey(),
          new RunRecord(
              field.getKey(),
              run.path("run_id").asText(null),
              time(run.path("started_at")),
              time(run.path("finished_at")),
              run.path("status").asText(null),
              run.path("errors_total").isNumber() ? run.path("errors_total").asLong() : null,
              errors));
    }
    return new LakeFacts(tables, json.path("runs").path("exists").asBoolean(false), runs);
  }

  private static SortedSet<LocalDate> dates(JsonNode array) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    array.forEach(d -> dates.add(LocalDate.parse(d.asText())));
    return dates;
  }

  private static LocalDateTime time(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : LocalDateTime.parse(node.asText());
  }
}
