package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.data.Seeds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lists the instances of a request's reports on the simulated today and finds an instance by id.
 *
 * <p>A request lists one DAILY instance per processing date the calendar keeps, except that a
 * request stopped for inactivity lists none made after it stopped, and, when a first-instance delay
 * is set, a request made through the API lists none before that many days after it was made.
 * ONE_TIME_SNAPSHOT requests list the same instances as ONGOING ones.
 */
public final class InstanceDirectory {

  private final long seed;
  private final RequestRegistry requests;
  private final InstanceCalendar calendar;
  private final int firstInstanceDelayDays;
  private final Supplier<LocalDate> today;
  private final Map<String, AnalyticsInstance> seenById = new ConcurrentHashMap<>();

  public InstanceDirectory(
      long seed,
      RequestRegistry requests,
      InstanceCalendar calendar,
      int firstInstanceDelayDays,
      Supplier<LocalDate> today) {
    this.seed = seed;
    this.requests = requests;
    this.calendar = calendar;
    this.firstInstanceDelayDays = firstInstanceDelayDays;
    this.today = today;
  }

  /** Returns the listed DAILY instances of the report, by processing date ascending. */
  public List<AnalyticsInstance> listed(ReportRequest request, ReportDefinition report) {
    List<AnalyticsInstance> instances = new ArrayList<>();
    if (report.kind() == null) {
      return instances;
    }
    for (LocalDate processingDate : calendar.availableProcessingDates(today.get())) {
      if (isListed(request, processingDate)) {
        AnalyticsInstance instance =
            new AnalyticsInstance(
                instanceId(request, report, processingDate), request, report, processingDate);
        seenById.put(instance.id(), instance);
        instances.add(instance);
      }
    }
    return instances;
  }

  /** Finds a listed instance by id, whether or not a listing has returned it yet. */
  public Optional<AnalyticsInstance> find(String instanceId) {
    AnalyticsInstance seen = seenById.get(instanceId);
    if (seen != null) {
      Optional<ReportRequest> request = requests.find(seen.request().id());
      if (request.isEmpty()) {
        return Optional.empty();
      }
      if (calendar.isAvailable(seen.processingDate(), today.get())
          && isListed(request.get(), seen.processingDate())) {
        return Optional.of(
            new AnalyticsInstance(seen.id(), request.get(), seen.report(), seen.processingDate()));
      }
      return Optional.empty();
    }
    // Not listed in this process yet (for example after a restart): list everything once.
    for (ReportRequest request : requests.all()) {
      for (ReportDefinition report : ReportCatalog.withData()) {
        for (AnalyticsInstance instance : listed(request, report)) {
          if (instance.id().equals(instanceId)) {
            return Optional.of(instance);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the id of the instance's segment at this index. */
  public String segmentId(AnalyticsInstance instance, int index) {
    return Seeds.uuid(seed, "analyticsReportSegment", instance.id(), index).toString();
  }

  private boolean isListed(ReportRequest request, LocalDate processingDate) {
    if (request.stoppedOn() != null && processingDate.isAfter(request.stoppedOn())) {
      return false;
    }
    if (firstInstanceDelayDays > 0 && request.createdOn() != null) {
      return !processingDate.isBefore(request.createdOn().plusDays(firstInstanceDelayDays));
    }
    return true;
  }

  private String instanceId(
      ReportRequest request, ReportDefinition report, LocalDate processingDate) {
    return Seeds.uuid(
            seed,
            "analyticsReportInstance",
            request.id(),
            report.slot(),
            AnalyticsInstance.GRANULARITY,
            processingDate)
        .toString();
  }
}
