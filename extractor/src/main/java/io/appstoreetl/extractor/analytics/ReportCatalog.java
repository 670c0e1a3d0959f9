package io.appstoreetl.extractor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.http.JsonFields;
import io.appstoreetl.extractor.raw.KeyValues;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports of a request that the extractor lands, cached in the raw zone at {@code
 * analytics_requests/registry/app_id=<id>/reports.json} so that a daily run does not list them
 * again. A request's report ids do not change, so the reports are listed anew only for a request
 * missing from the cache. They are also listed again when the cache lacks a wanted report and was
 * written before today, because Apple adds a new request's reports over a day or two.
 *
 * <p>The file holds one entry per request id: {@code {"app_id": "...", "requests": {"<request id>":
 * {"access_type": "ONGOING", "listed_at": "...", "reports": [{"id": "r3-...", "name": "App
 * Downloads Standard"}]}}}}. It is replaced in place and is not data.
 */
final class ReportCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ReportCatalog.class);

  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final Clock clock;

  ReportCatalog(AppStoreConnectClient client, RawZone rawZone, Clock clock) {
    this.client = client;
    this.rawZone = rawZone;
    this.clock = clock;
  }

  /** Returns the wanted reports of {@code requestId}, from the cache or from Apple. */
  Map<AnalyticsReportType, ReportRef> reports(
      String appId, AccessType accessType, String requestId, Set<AnalyticsReportType> wanted)
      throws IOException {
    String key = RawKeys.reportsCache(appId);
    ObjectNode cache = readCache(key);
    JsonNode entry = cache.path("requests").path(requestId);
    if (entry.isObject()) {
      Map<AnalyticsReportType, ReportRef> cached = parse(entry.path("reports"), wanted);
      if (cached.keySet().containsAll(wanted) || listedToday(entry)) {
        LOG.debug(
            "App {}: {} reports of request {} from the cache", appId, cached.size(), requestId);
        return cached;
      }
    }

    ArrayNode listed = rawZone.mapper().createArrayNode();
    String path = "/v1/analyticsReportRequests/" + requestId + "/reports?limit=200";
    int index = 0;
    for (JsonNode item : JsonApiPager.fetchAll(client, path)) {
      String where = "report " + index++ + " of request " + requestId;
      String id = KeyValues.serverId("report id", JsonFields.requiredText(item, "/id", where));
      String name = JsonFields.requiredText(item, "/attributes/name", where);
      if (AnalyticsReportType.forApiName(name).isPresent()) {
        listed.addObject().put("id", id).put("name", name);
      }
    }

    ObjectNode requests = rawZone.mapper().createObjectNode();
    // Entries of other requests of the same access type are stale: that request was replaced.
    cache
        .path("requests")
        .fields()
        .forEachRemaining(
            other -> {
              if (!other.getValue().path("access_type").asText().equals(accessType.name())) {
                requests.set(other.getKey(), other.getValue());
              }
            });
    ObjectNode fresh = requests.putObject(requestId);
    fresh.put("access_type", accessType.name());
    fresh.put("listed_at", Manifest.formatInstant(clock.instant()));
    fresh.set("reports", listed);
    ObjectNode document = rawZone.mapper().createObjectNode();
    document.put("app_id", appId);
    document.set("requests", requests);
    rawZone.writeJson(key, document);

    return parse(listed, wanted);
  }

  private boolean listedToday(JsonNode entry) {
    try {
      LocalDate listed =
          Instant.parse(entry.path("listed_at").asText()).atZone(ZoneOffset.UTC).toLocalDate();
      return !listed.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Map<AnalyticsReportType, ReportRef> parse(
      JsonNode reports, Set<AnalyticsReportType> wanted) {
    Map<AnalyticsReportType, ReportRef> found = new EnumMap<>(AnalyticsReportType.class);
    for (JsonNode report : reports) {
      String id = report.path("id").asText("");
      String name = report.path("name").asText("");
      AnalyticsReportType type = AnalyticsReportType.forApiName(name).orElse(null);
      if (type == null || !wanted.contains(type) || id.isEmpty()) {
        continue;
      }

      ReportRef previous = found.putIfAbsent(type, new ReportRef(id, name, type));
      if (previous != null && !previous.id().equals(id)) {
        LOG.warn(
            "Report {} ({}) has the same type as report {} ({}); keeping the first",
            id,
            name,
            previous.id(),
            previous.name());
      }
    }

    return found;
  }

  private ObjectNode readCache(String key) throws IOException {
    byte[] bytes = rawZone.readIfExists(key).orElse(null);
    if (bytes != null) {
      try {
        JsonNode document = rawZone.mapper().readTree(bytes);
        if (document.isObject()) {
          return (ObjectNode) document;
        }
      } catch (IOException e) {
        LOG.warn("Ignoring unreadable report cache {}: {}", key, e.getMessage());
      }
    }

    return rawZone.mapper().createObjectNode();
  }
}
