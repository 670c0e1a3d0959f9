package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.Granularity;
import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.data.Seeds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lists the instances of a request's reports on the simulated today and finds an instance by id.
 *
 * <p>An ONGOING request lists one instance per granularity of the report and processing date that
 * the calendar keeps, except that a request stopped for inactivity lists none made after it
 * stopped, and, when a first-instance delay is set, a request made through the API lists none
 * before that many days after it was made.
 *
 * <p>A ONE_TIME_SNAPSHOT request is generated on the day it was made plus the first-instance delay.
 * From that day it lists, per granularity, an instance for every processing date from the history
 * start to that day. Each has the content of the ONGOING instance of that granularity and date,
 * whether or not the ONGOING one is still kept. All of them expire 35 days after the snapshot's
 * day. Apple does not document the shape of a snapshot. This one lets a client land old days
 * exactly as it lands ONGOING instances.
 */
public final class InstanceDirectory {

  private final long seed;
  private final RequestRegistry requests;
  private final InstanceCalendar calendar;
  private final int firstInstanceDelayDays;
  private final Supplier<LocalDate> today;
  private final InstanceIds ids;

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
    this.ids = new InstanceIds(seed);
  }

  /** Returns the listed instances of the report, by processing date, then granularity. */
  public List<AnalyticsInstance> listed(ReportRequest request, ReportDefinition report) {
    List<AnalyticsInstance> instances = new ArrayList<>();
    if (report.kind() == null) {
      return instances;
    }
    LocalDate now = today.get();
    for (Granularity granularity : report.kind().granularities()) {
      for (LocalDate processingDate : processingDates(request, granularity, now)) {
        instances.add(instance(request, report, granularity, processingDate));
      }
    }
    instances.sort(
        Comparator.comparing(AnalyticsInstance::processingDate)
            .thenComparing(AnalyticsInstance::granularity));
    return instances;
  }

  /** Finds a listed instance by id. */
  public Optional<AnalyticsInstance> find(String instanceId) {
    Optional<InstanceIds.Key> decoded = ids.decode(instanceId);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    InstanceIds.Key key = decoded.get();
    Optional<ReportRequest> request =
        requests.find(Long.toString(key.appId()), key.accessType(), key.generation());
    Optional<ReportDefinition> report = ReportCatalog.bySlot(key.slot());
    if (request.isEmpty()
        || report.isEmpty()
        || report.get().kind() == null
        || !report.get().kind().granularities().contains(key.granularity())
        || !isListed(request.get(), key.granularity(), key.processingDate(), today.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new AnalyticsInstance(
            instanceId, request.get(), report.get(), key.granularity(), key.processingDate()));
  }

  /** Returns the id of the instance's segment at this index. */
  public String segmentId(AnalyticsInstance instance, int index) {
    return Seeds.uuid(seed, "analyticsReportSegment", instance.id(), index).toString();
  }

  /**
   * Returns the day on which the app's ONE_TIME_SNAPSHOT request is generated, or empty when the
   * app has none.
   */
  public Optional<LocalDate> snapshotDay(String appId) {
    return requests.forApp(appId).stream()
        .filter(ReportRequest::isSnapshot)
        .findFirst()
        .map(this::snapshotDay);
  }

  private LocalDate snapshotDay(ReportRequest snapshot) {
    LocalDate created = snapshot.createdOn() != null ? snapshot.createdOn() : today.get();
    return created.plusDays(firstInstanceDelayDays);
  }

  private List<LocalDate> processingDates(
      ReportRequest request, Granularity granularity, LocalDate now) {
    List<LocalDate> candidates =
        request.isSnapshot()
            ? calendar.snapshotProcessingDates(granularity, snapshotDay(request), now)
            : calendar.ongoingProcessingDates(granularity, now);
    return candidates.stream().filter(date -> isOngoingDateOfRequest(request, date)).toList();
  }

  private boolean isListed(
      ReportRequest request, Granularity granularity, LocalDate processingDate, LocalDate now) {
    if (!calendar.hasData(granularity, processingDate)) {
      return false;
    }
    if (request.isSnapshot()) {
      LocalDate snapshotDay = snapshotDay(request);
      return calendar.isSnapshotListed(snapshotDay, now) && !processingDate.isAfter(snapshotDay);
    }
    return calendar.isAvailable(processingDate, now)
        && isOngoingDateOfRequest(request, processingDate);
  }

  /** Applies the stop and the first-instance delay of an ONGOING request. */
  private boolean isOngoingDateOfRequest(ReportRequest request, LocalDate processingDate) {
    if (request.isSnapshot()) {
      return true;
    }
    if (request.stoppedOn() != null && processingDate.isAfter(request.stoppedOn())) {
      return false;
    }
    if (firstInstanceDelayDays > 0 && request.createdOn() != null) {
      return !processingDate.isBefore(request.createdOn().plusDays(firstInstanceDelayDays));
    }
    return true;
  }

  private AnalyticsInstance instance(
      ReportRequest request,
      ReportDefinition report,
      Granularity granularity,
      LocalDate processingDate) {
    InstanceIds.Key key =
        new InstanceIds.Key(
            Long.parseLong(request.appId()),
            request.accessType(),
            request.generation(),
            report.slot(),
            granularity,
            processingDate);
    return new AnalyticsInstance(ids.encode(key), request, report, granularity, processingDate);
  }
}
