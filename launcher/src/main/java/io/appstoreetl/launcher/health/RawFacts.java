package io.appstoreetl.launcher.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The raw-zone files that the health check reads: the extractor's run summaries ({@code
 * runs/extractor/run_date=<D>/<run id>.json}) and the ONGOING request registry ({@code
 * analytics_requests/registry/app_id=<id>/ongoing.json}).
 *
 * @param runs the summaries of the window, oldest first
 * @param registrations the registered ONGOING request of each app, by app id
 * @param unreadable raw-zone keys that are not valid summaries or registry files, with the reason
 */
public record RawFacts(
    List<ExtractorRun> runs, List<Registration> registrations, List<String> unreadable) {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SUMMARIES = "runs/extractor/";
  static final String REGISTRY = "analytics_requests/registry/";

  /** One extractor run summary. */
  public record ExtractorRun(
      String key,
      String runId,
      Instant startedAt,
      Instant finishedAt,
      long errorsTotal,
      List<String> errors,
      List<AppEntry> apps) {}

  /** One app's analytics entry in a run summary. */
  public record AppEntry(String appId, String accessType, String requestId, int instancesLanded) {}

  /** An app's registered ONGOING request. */
  public record Registration(String appId, String requestId, Instant updatedAt) {}

  /** Returns the latest run by start time, if any. */
  public Optional<ExtractorRun> latestRun() {
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  /**
   * Reads the summaries of run dates {@code since} to {@code until} and every registry entry.
   *
   * @throws HealthReadException if the raw zone cannot be listed or read
   */
  public static RawFacts read(RawZoneReader raw, LocalDate since, LocalDate until) {
    List<ExtractorRun> runs = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (String folder : raw.list(SUMMARIES)) {
      if (!folder.startsWith("run_date=") || !folder.endsWith("/")) {
        continue;
      }
      LocalDate runDate;
      try {
        runDate = LocalDate.parse(folder.substring(9, folder.length() - 1));
      } catch (DateTimeParseException e) {
        continue;
      }
      if (runDate.isBefore(since) || runDate.isAfter(until)) {
        continue;
      }
      for (String name : raw.list(SUMMARIES + folder)) {
        if (!name.endsWith(".json")) {
          continue;
        }
        String key = SUMMARIES + folder + name;
        try {
          raw.read(key).map(text -> summary(key, text)).ifPresent(runs::add);
        } catch (IllegalArgumentException e) {
          unreadable.add(key + ": " + e.getMessage());
        }
      }
    }
    runs.sort(
        Comparator.comparing(
                ExtractorRun::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ExtractorRun::runId));

    List<Registration> registrations = new ArrayList<>();
    for (String folder : raw.list(REGISTRY)) {
      if (!folder.startsWith("app_id=") || !folder.endsWith("/")) {
        continue;
      }
      String key = REGISTRY + folder + "ongoing.json";
      try {
        raw.read(key).map(text -> registration(key, text)).ifPresent(registrations::add);
      } catch (IllegalArgumentException e) {
        unreadable.add(key + ": " + e.getMessage());
      }
    }
    return new RawFacts(runs, registrations, unreadable);
  }

  static ExtractorRun summary(String key, String text) {
    JsonNode json = parse(text);
    List<String> errors = new ArrayList<>();
    List<AppEntry> apps = new ArrayList<>();
    for (JsonNode app : json.path("apps")) {
      String appId = app.path("app_id").asText();
      app.path("errors").forEach(e -> errors.add("app " + appId + ": " + e.asText()));
      apps.add(
          new AppEntry(
              appId,
              app.path("access_type").asText(null),
              app.path("request_id").asText(null),
              app.path("instances_landed").asInt(0)));
    }
    for (String part : List.of("sales", "finance")) {
      for (JsonNode entry : json.path(part)) {
        entry.path("errors").forEach(e -> errors.add(part + ": " + e.asText()));
      }
    }
    json.path("apps_listing")
        .path("errors")
        .forEach(e -> errors.add("apps_listing: " + e.asText()));
    String name = key.substring(key.lastIndexOf('/') + 1);
    return new ExtractorRun(
        key,
        json.path("run_id").asText(name.substring(0, name.length() - 5)),
        instant(json.path("started_at")),
        instant(json.path("finished_at")),
        json.path("errors_total").asLong(errors.size()),
        errors,
        apps);
  }

  static Registration registration(String key, String text) {
    JsonNode json = parse(text);
    String requestId = json.path("request_id").asText("");
    if (requestId.isEmpty()) {
      throw new IllegalArgumentException("no request_id (expected a registry entry)");
    }
    String folder = key.substring(REGISTRY.length(), key.indexOf('/', REGISTRY.length()));
    return new Registration(
        json.path("app_id").asText(folder.substring("app_id=".length())),
        requestId,
        instant(json.path("updated_at")));
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode json = JSON.readTree(text);
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
    }
  }

  private static Instant instant(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid time " + node.asText() + " (expected ISO-8601 UTC)");
    }
  }
}
