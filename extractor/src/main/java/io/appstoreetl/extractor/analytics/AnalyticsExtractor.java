package io.appstoreetl.extractor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.InvalidKeyValueException;
import io.appstoreetl.extractor.raw.KeyValues;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands every DAILY instance of the wanted analytics reports of one app that has not landed yet. A
 * failure of one instance is recorded and the others go on. Thread-safe: apps run in parallel.
 */
public final class AnalyticsExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsExtractor.class);
  private static final String GRANULARITY = "DAILY";

  private final AppStoreConnectClient client;
  private final OngoingRequestResolver resolver;
  private final InstanceLander lander;

  public AnalyticsExtractor(
      AppStoreConnectClient client,
      RawZone rawZone,
      AttemptIds attemptIds,
      Clock clock,
      String runId,
      String extractorVersion) {
    this.client = client;
    this.resolver = new OngoingRequestResolver(client, new OngoingRequestRegistry(rawZone, clock));
    this.lander = new InstanceLander(client, rawZone, attemptIds, clock, runId, extractorVersion);
  }

  /** Runs the app's analytics step and returns API and landing failures in its result. */
  public AppResult extractApp(String appId) {
    List<String> errors = new ArrayList<>();
    SortedSet<LocalDate> touched = new TreeSet<>();
    String requestId = null;
    int reportsFound = 0;
    int landed = 0;
    int skipped = 0;
    try {
      KeyValues.appId(appId);
      requestId = resolver.resolve(appId);
      Map<AnalyticsReportType, ReportRef> reports = listWantedReports(appId, requestId);
      reportsFound = reports.size();

      for (ReportRef report : reports.values()) {
        List<InstanceRef> instances;
        try {
          instances = listDailyInstances(report.id());
        } catch (InterruptedIOException e) {
          throw e;
        } catch (IOException e) {
          errors.add(
              error("Cannot list instances of report " + report.id() + " for app " + appId, e));
          continue;
        }

        for (InstanceRef instance : instances) {
          try {
            String unitKey = InstanceLander.unitKey(appId, report, instance);
            if (lander.isLanded(unitKey)) {
              skipped++;
              continue;
            }
            LandedUnit unit = lander.land(appId, requestId, report, instance, unitKey);
            landed++;
            touched.addAll(unit.metricDates());
          } catch (InvalidKeyValueException e) {
            errors.add(
                error(
                    "Cannot land instance "
                        + instance.id()
                        + " of "
                        + report.type().slug()
                        + " for app "
                        + appId,
                    e));
          } catch (UnitLandingException e) {
            LOG.error("{}", e.getMessage());
            errors.add(e.getMessage());
          }
        }
      }
    } catch (InterruptedIOException e) {
      errors.add(error("Interrupted while extracting app " + appId, e));
    } catch (IOException | RuntimeException e) {
      errors.add(error("Cannot extract analytics reports of app " + appId, e));
    }

    LOG.info(
        "App {}: request {}, {} reports, {} instances landed, {} skipped, {} errors",
        appId,
        requestId,
        reportsFound,
        landed,
        skipped,
        errors.size());

    return new AppResult(
        appId, requestId, reportsFound, landed, skipped, List.copyOf(errors), touched);
  }

  private static String error(String context, Exception e) {
    String message = context + ": " + Failures.describe(e);
    // A stack trace helps only for a bug; a rejected key value is explained by its message.
    if (e instanceof RuntimeException && !(e instanceof InvalidKeyValueException)) {
      LOG.error("{}", message, e);
    } else {
      LOG.error("{}", message);
    }

    return message;
  }

  private Map<AnalyticsReportType, ReportRef> listWantedReports(String appId, String requestId)
      throws IOException {
    Map<AnalyticsReportType, ReportRef> wanted = new EnumMap<>(AnalyticsReportType.class);
    String path = "/v1/analyticsReportRequests/" + requestId + "/reports?limit=200";
    for (JsonNode item : JsonApiPager.fetchAll(client, path)) {
      String name = item.path("attributes").path("name").asText("");
      AnalyticsReportType type = AnalyticsReportType.forApiName(name).orElse(null);
      if (type == null) {
        continue;
      }

      String id = KeyValues.serverId("report id", item.path("id").asText(""));
      ReportRef previous = wanted.putIfAbsent(type, new ReportRef(id, name, type));
      if (previous != null) {
        LOG.warn(
            "App {}: report {} ({}) has the same type as report {} ({}); keeping the first",
            appId,
            id,
            name,
            previous.id(),
            previous.name());
      }
    }

    for (AnalyticsReportType type : AnalyticsReportType.values()) {
      if (!wanted.containsKey(type)) {
        // Apple lists a new request's reports only a day or two after it was created.
        LOG.warn(
            "App {}: request {} lists no report named {} yet; nothing to land for it",
            appId,
            requestId,
            type.apiNames().get(0));
      }
    }

    return wanted;
  }

  private List<InstanceRef> listDailyInstances(String reportId) throws IOException {
    String path =
        "/v1/analyticsReports/"
            + reportId
            + "/instances?filter[granularity]="
            + GRANULARITY
            + "&limit=200";
    List<InstanceRef> instances = new ArrayList<>();
    for (JsonNode item : JsonApiPager.fetchAll(client, path)) {
      JsonNode attributes = item.path("attributes");
      instances.add(
          new InstanceRef(
              item.path("id").asText(""),
              attributes.path("granularity").asText(GRANULARITY),
              attributes.path("processingDate").asText("")));
    }
    // Apple documents no order; landing oldest first makes a run's log read in time order.
    instances.sort(
        Comparator.comparing(InstanceRef::processingDate).thenComparing(InstanceRef::id));

    return instances;
  }
}
