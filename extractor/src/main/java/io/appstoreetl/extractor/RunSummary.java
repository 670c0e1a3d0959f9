package io.appstoreetl.extractor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.analytics.AppResult;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.sales.SalesResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One extractor run's summary, written to {@code runs/extractor/run_date=<D>/<run id>.json}.
 *
 * <p>{@code touched_metric_dates} contains the metric dates of every unit this run landed, and the
 * sales report date when a sales unit (complete or empty) landed.
 */
public record RunSummary(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    LocalDate date,
    List<AppResult> apps,
    SalesResult sales) {

  public SortedSet<LocalDate> touchedMetricDates() {
    SortedSet<LocalDate> dates = new TreeSet<>();
    apps.forEach(app -> dates.addAll(app.touchedMetricDates()));
    if (sales.landed()) {
      dates.addAll(sales.landedMetricDates());
    }

    return dates;
  }

  public int unitsLanded() {
    int units = apps.stream().mapToInt(AppResult::instancesLanded).sum();

    return units + (sales.landed() ? 1 : 0);
  }

  public int errorsTotal() {
    return apps.stream().mapToInt(app -> app.errors().size()).sum() + sales.errors().size();
  }

  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode json = mapper.createObjectNode();
    json.put("run_id", runId);
    json.put("started_at", Manifest.formatInstant(startedAt));
    json.put("finished_at", Manifest.formatInstant(finishedAt));
    json.put("date", date.toString());

    ArrayNode appArray = json.putArray("apps");
    for (AppResult app : apps) {
      ObjectNode entry = appArray.addObject();
      entry.put("app_id", app.appId());
      entry.put("request_id", app.requestId());
      entry.put("reports_found", app.reportsFound());
      entry.put("instances_landed", app.instancesLanded());
      entry.put("instances_skipped", app.instancesSkipped());
      ArrayNode errors = entry.putArray("errors");
      app.errors().forEach(errors::add);
    }

    ObjectNode salesJson = json.putObject("sales");
    salesJson.put("status", sales.status());
    salesJson.put("row_count", sales.rowCount());
    ArrayNode salesErrors = salesJson.putArray("errors");
    sales.errors().forEach(salesErrors::add);

    ArrayNode touched = json.putArray("touched_metric_dates");
    touchedMetricDates().forEach(day -> touched.add(day.toString()));
    json.put("units_landed", unitsLanded());
    json.put("errors_total", errorsTotal());

    return json;
  }
}
