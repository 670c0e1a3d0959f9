package io.appstoreetl.curation.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads extractor run summaries ({@code runs/extractor/run_date=<D>/<run id>.json}) into rows of
 * the {@code runs} table, on the driver.
 *
 * <p>Fields the table does not define ({@code apps}, {@code sales} and any later ones) are kept in
 * {@code extra_columns} as JSON text. Every {@code errors} array of the summary's nested objects
 * contributes to {@code errors}, each message prefixed with where it came from ({@code app
 * 1000000001:}, {@code sales:}).
 */
public final class RunSummaries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableDefinition TABLE = Tables.RUNS;
  private static final String ROOT = "runs/extractor/";
  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "run_id",
          "started_at",
          "finished_at",
          "date",
          "touched_metric_dates",
          "units_landed",
          "errors_total");

  /** The rows read and the summaries that could not be read. */
  public record Result(
      List<Object[]> rows, List<RejectedLine> rejects, SortedSet<LocalDate> runDates) {}

  private RunSummaries() {}

  /** Returns the folder key of one run date's summaries. */
  public static String folder(LocalDate runDate) {
    return ROOT + "run_date=" + runDate + "/";
  }

  /** Reads the summaries of {@code runDates}; {@code runDates} of the result lists those found. */
  public static Result read(RawZone raw, Collection<LocalDate> runDates, LocalDateTime loadedAt)
      throws IOException {
    List<Object[]> rows = new ArrayList<>();
    List<RejectedLine> rejects = new ArrayList<>();
    SortedSet<LocalDate> found = new TreeSet<>();
    for (LocalDate runDate : runDates) {
      for (String name : raw.listFiles(folder(runDate))) {
        if (!name.endsWith(".json")) {
          continue;
        }
        found.add(runDate);
        String key = folder(runDate) + name;
        String text = raw.readTextIfExists(key).orElse("");
        try {
          rows.add(row(key, runDate, name.substring(0, name.length() - 5), text, loadedAt));
        } catch (JsonProcessingException e) {
          rejects.add(
              new RejectedLine(key, 0, null, "invalid JSON: " + e.getOriginalMessage(), null));
        } catch (IllegalArgumentException e) {
          rejects.add(new RejectedLine(key, 0, null, e.getMessage(), null));
        }
      }
    }

    return new Result(rows, rejects, found);
  }

  private static Object[] row(
      String key, LocalDate runDate, String fileRunId, String text, LocalDateTime loadedAt)
      throws JsonProcessingException {
    JsonNode summary = JSON.readTree(text);
    if (summary == null || !summary.isObject()) {
      throw new IllegalArgumentException("not a JSON object (expected an extractor run summary)");
    }

    Object[] values = new Object[TABLE.columns().size()];
    String runId = summary.path("run_id").asText(fileRunId);
    Long errorsTotal = longOrNull(summary.get("errors_total"));
    set(values, "run_id", runId.isEmpty() ? fileRunId : runId);
    set(values, "run_kind", "extractor");
    set(values, "run_date", runDate);
    set(values, "started_at", time(summary.get("started_at"), "started_at"));
    set(values, "finished_at", time(summary.get("finished_at"), "finished_at"));
    set(values, "status", errorsTotal != null && errorsTotal > 0 ? "errors" : "ok");
    List<String> apps = new ArrayList<>();
    for (JsonNode app : summary.path("apps")) {
      if (app.hasNonNull("app_id")) {
        apps.add(app.get("app_id").asText());
      }
    }
    set(values, "apps", apps);
    set(values, "units_landed", longOrNull(summary.get("units_landed")));
    set(values, "errors_total", errorsTotal);
    set(values, "errors", errors(summary));
    List<LocalDate> touched = new ArrayList<>();
    for (JsonNode date : summary.path("touched_metric_dates")) {
      touched.add(date(date.asText()));
    }
    set(values, "touched_metric_dates", touched);
    set(values, "source_file", key);
    set(values, "loaded_at", loadedAt);
    Map<String, String> extra = new LinkedHashMap<>();
    for (Iterator<String> names = summary.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN_FIELDS.contains(name)) {
        JsonNode value = summary.get(name);
        extra.put(name, value.isTextual() ? value.textValue() : value.toString());
      }
    }
    set(values, "extra_columns", extra);

    return values;
  }

  private static List<String> errors(JsonNode summary) {
    List<String> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = summary.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isArray()) {
        for (JsonNode element : value) {
          String where = element.has("app_id") ? "app " + element.get("app_id").asText() : null;
          collect(element.path("errors"), where == null ? field.getKey() : where, errors);
        }
      } else if (value.isObject()) {
        collect(value.path("errors"), field.getKey(), errors);
      }
    }

    return errors;
  }

  private static void collect(JsonNode messages, String where, List<String> errors) {
    for (JsonNode message : messages) {
      errors.add(where + ": " + (message.isTextual() ? message.textValue() : message.toString()));
    }
  }

  private static LocalDateTime time(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return LocalDateTime.ofInstant(Instant.parse(node.asText()), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + field + ": " + node.asText() + " (expected an ISO-8601 UTC time)");
    }
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid touched_metric_dates value: " + text + " (expected YYYY-MM-DD)");
    }
  }

  private static Long longOrNull(JsonNode node) {
    return node == null || !node.canConvertToLong() ? null : node.longValue();
  }

  private static void set(Object[] values, String column, Object value) {
    values[TABLE.indexOf(column)] = value;
  }
}
