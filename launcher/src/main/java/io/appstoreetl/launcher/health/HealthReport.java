package io.appstoreetl.launcher.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a health check: one row per table (and app), per app's ONGOING request and per run
 * kind, and the problems found, each as one sentence.
 */
public record HealthReport(
    Instant checkedAt,
    int days,
    LocalDate windowStart,
    List<TableRow> tables,
    List<RequestRow> requests,
    List<RunRow> runs,
    List<String> problems) {

  public static final String OK = "ok";

  /**
   * The freshness of one table for one app ({@code appId} null: over all apps).
   *
   * @param latest the latest DAILY metric date in the table, or null without rows
   * @param expected the latest metric date Apple should have published by the check
   * @param lagDays days from {@code latest} to {@code expected}; null without rows
   * @param missingDates dates from the window's start (or the first date with rows) to {@code
   *     expected} without rows
   * @param status {@code ok}, {@code stale} (latest before expected), {@code gaps} (dates missing
   *     inside the window), {@code no_data} (no rows at all) or {@code absent} (the table does not
   *     exist and nothing requires it)
   */
  public record TableRow(
      String table,
      Long appId,
      LocalDate latest,
      LocalDate expected,
      Integer lagDays,
      int completenessDays,
      LocalDate finalThrough,
      List<LocalDate> missingDates,
      String status) {}

  /**
   * An app's ONGOING request as the raw zone shows it.
   *
   * @param previousRequestId the request the summaries of the window showed before this one, or
   *     null
   * @param instancesLanded instances landed under this request in the window's runs
   * @param status {@code ok}, {@code replaced} (a stopped request was replaced and the new one
   *     lands data) or {@code stopped} (replaced, and the new request has landed nothing yet)
   */
  public record RequestRow(
      String appId,
      String requestId,
      Instant registeredAt,
      String previousRequestId,
      int instancesLanded,
      String status) {}

  /**
   * The last run of one kind.
   *
   * @param source where it was read: the raw zone's run summary or the table {@code runs}
   * @param status {@code ok}, {@code errors}, {@code unfinished}, {@code too_old}, {@code behind}
   *     (curation started before the last extraction finished) or {@code none}
   */
  public record RunRow(
      String kind,
      String runId,
      String startedAt,
      String finishedAt,
      String status,
      Long errorsTotal,
      List<String> errors,
      String source) {}

  public boolean healthy() {
    return problems.isEmpty();
  }

  /** Returns the report as JSON: what {@code health --json} prints. */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode json = mapper.createObjectNode();
    json.put("healthy", healthy());
    json.put("checked_at", checkedAt.toString());
    json.put("days", days);
    json.put("window_start", windowStart.toString());
    ArrayNode tableArray = json.putArray("tables");
    for (TableRow row : tables) {
      tableJson(tableArray.addObject(), row);
    }
    ArrayNode requestArray = json.putArray("requests");
    for (RequestRow row : requests) {
      requestJson(requestArray.addObject(), row);
    }
    ArrayNode runArray = json.putArray("runs");
    for (RunRow row : runs) {
      runJson(runArray.addObject(), row);
    }
    ArrayNode problemArray = json.putArray("problems");
    problems.forEach(problemArray::add);
    return json;
  }

  static void tableJson(ObjectNode json, TableRow row) {
    json.put("table", row.table());
    json.put("app_apple_id", row.appId());
    json.put("latest_metric_date", text(row.latest()));
    json.put("expected_latest", text(row.expected()));
    json.put("lag_days", row.lagDays());
    json.put("completeness_days", row.completenessDays());
    json.put("final_through", text(row.finalThrough()));
    ArrayNode missing = json.putArray("missing_dates");
    row.missingDates().forEach(d -> missing.add(d.toString()));
    json.put("status", row.status());
  }

  static void requestJson(ObjectNode json, RequestRow row) {
    json.put("app_apple_id", row.appId());
    json.put("request_id", row.requestId());
    json.put("registered_at", row.registeredAt() == null ? null : row.registeredAt().toString());
    json.put("previous_request_id", row.previousRequestId());
    json.put("instances_landed", row.instancesLanded());
    json.put("status", row.status());
  }

  static void runJson(ObjectNode json, RunRow row) {
    json.put("kind", row.kind());
    json.put("run_id", row.runId());
    json.put("started_at", row.startedAt());
    json.put("finished_at", row.finishedAt());
    json.put("status", row.status());
    json.put("errors_total", row.errorsTotal());
    ArrayNode errors = json.putArray("errors");
    row.errors().forEach(errors::add);
    json.put("source", row.source());
  }

  /** Returns the report as aligned text tables: what {@code health} prints on a terminal. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    List<List<String>> tableLines = new ArrayList<>();
    tableLines.add(
        List.of("TABLE", "APP", "LATEST", "EXPECTED", "LAG", "FINAL", "MISSING", "STATUS"));
    for (TableRow row : tables) {
      tableLines.add(
          List.of(
              row.table(),
              row.appId() == null ? "all" : row.appId().toString(),
              dash(row.latest()),
              dash(row.expected()),
              row.lagDays() == null ? "-" : row.lagDays().toString(),
              dash(row.finalThrough()),
              missing(row.missingDates()),
              row.status()));
    }
    align(text, tableLines);

    if (!requests.isEmpty()) {
      text.append('\n');
      List<List<String>> requestLines = new ArrayList<>();
      requestLines.add(
          List.of("APP", "ONGOING REQUEST", "REGISTERED", "REPLACED", "LANDED", "STATUS"));
      for (RequestRow row : requests) {
        requestLines.add(
            List.of(
                row.appId(),
                row.requestId(),
                row.registeredAt() == null ? "-" : row.registeredAt().toString(),
                row.previousRequestId() == null ? "-" : row.previousRequestId(),
                Integer.toString(row.instancesLanded()),
                row.status()));
      }
      align(text, requestLines);
    }

    text.append('\n');
    List<List<String>> runLines = new ArrayList<>();
    runLines.add(List.of("RUN", "ID", "STARTED", "FINISHED", "ERRORS", "STATUS"));
    for (RunRow row : runs) {
      runLines.add(
          List.of(
              row.kind(),
              row.runId() == null ? "-" : row.runId(),
              row.startedAt() == null ? "-" : row.startedAt(),
              row.finishedAt() == null ? "-" : row.finishedAt(),
              row.errorsTotal() == null ? "-" : row.errorsTotal().toString(),
              row.status()));
    }
    align(text, runLines);

    text.append('\n');
    if (healthy()) {
      text.append("Healthy: every table is up to date and the last runs succeeded.\n");
    } else {
      text.append(problems.size()).append(problems.size() == 1 ? " problem:\n" : " problems:\n");
      problems.forEach(p -> text.append("- ").append(p).append('\n'));
    }
    return text.toString();
  }

  /** Writes dates as ranges: {@code 2025-01-03..2025-01-05, 2025-01-09}. */
  public static String ranges(List<LocalDate> dates) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < dates.size()) {
      int j = i;
      while (j + 1 < dates.size() && dates.get(j + 1).equals(dates.get(j).plusDays(1))) {
        j++;
      }
      parts.add(i == j ? dates.get(i).toString() : dates.get(i) + ".." + dates.get(j));
      i = j + 1;
    }
    return String.join(", ", parts);
  }

  private static String missing(List<LocalDate> dates) {
    return dates.isEmpty() ? "0" : dates.size() + " (" + ranges(dates) + ")";
  }

  private static String dash(LocalDate date) {
    return date == null ? "-" : date.toString();
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }

  private static void align(StringBuilder text, List<List<String>> lines) {
    int columns = lines.get(0).size();
    int[] widths = new int[columns];
    for (List<String> line : lines) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    for (List<String> line : lines) {
      StringBuilder out = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        out.append(line.get(c));
        if (c < columns - 1) {
          out.append(" ".repeat(widths[c] - line.get(c).length() + 2));
        }
      }
      text.append(out.toString().stripTrailing()).append('\n');
    }
  }
}
