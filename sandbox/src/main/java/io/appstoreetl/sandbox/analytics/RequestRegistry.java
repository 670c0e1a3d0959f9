package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.Seeds;
import io.appstoreetl.sandbox.http.ApiError;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analytics report requests of all apps, at most one per app and access type (a stopped request
 * still counts until it is deleted), and at most one ONE_TIME_SNAPSHOT per app and calendar month,
 * deleted or not. Thread-safe.
 *
 * <p>Ids are derived from the seed, the app, the access type and how many requests of that kind the
 * app has had, so a request that exists at start keeps its id when the sandbox restarts.
 */
public final class RequestRegistry {

  /** Values of {@code accessType}. */
  public static final List<String> ACCESS_TYPES =
      List.of(ReportRequest.ONE_TIME_SNAPSHOT, ReportRequest.ONGOING);

  private final long seed;
  private final Map<String, ReportRequest> requestsById = new LinkedHashMap<>();
  private final Map<String, Integer> generations = new HashMap<>();
  private final Map<String, LocalDate> lastSnapshotCreatedOn = new HashMap<>();

  /**
   * Creates the registry.
   *
   * @param ongoingAtStart whether each app starts with an ONGOING request made long ago
   */
  public RequestRegistry(long seed, List<String> appIds, boolean ongoingAtStart) {
    this.seed = seed;
    if (ongoingAtStart) {
      for (String appId : appIds) {
        add(appId, ReportRequest.ONGOING, null);
      }
    }
  }

  /**
   * Makes a request for the app.
   *
   * @throws ApiException 409 when the app already has a request with this access type, stopped or
   *     not, or when it is a second ONE_TIME_SNAPSHOT in the same calendar month
   */
  public synchronized ReportRequest create(String appId, String accessType, LocalDate today) {
    for (ReportRequest existing : requestsById.values()) {
      if (existing.appId().equals(appId) && existing.accessType().equals(accessType)) {
        throw ApiErrors.duplicateEntity();
      }
    }
    if (accessType.equals(ReportRequest.ONE_TIME_SNAPSHOT)) {
      LocalDate previous = lastSnapshotCreatedOn.get(appId);
      if (previous != null && YearMonth.from(previous).equals(YearMonth.from(today))) {
        throw snapshotLimitReached(previous);
      }
      lastSnapshotCreatedOn.put(appId, today);
    }
    return add(appId, accessType, today);
  }

  public synchronized Optional<ReportRequest> find(String id) {
    return Optional.ofNullable(requestsById.get(id));
  }

  /** Finds the request that the app's {@code generation}-th request of this access type got. */
  public synchronized Optional<ReportRequest> find(
      String appId, String accessType, int generation) {
    return find(requestId(appId, accessType, generation));
  }

  /** Returns the app's requests in the order they were made. */
  public synchronized List<ReportRequest> forApp(String appId) {
    return requestsById.values().stream().filter(r -> r.appId().equals(appId)).toList();
  }

  public synchronized List<ReportRequest> all() {
    return new ArrayList<>(requestsById.values());
  }

  /** Deletes a request; returns false when there is none with that id. */
  public synchronized boolean delete(String id) {
    return requestsById.remove(id) != null;
  }

  /** Marks a request as stopped due to inactivity from {@code today} on. */
  public synchronized Optional<ReportRequest> markStopped(String id, LocalDate today) {
    ReportRequest request = requestsById.get(id);
    if (request == null) {
      return Optional.empty();
    }
    ReportRequest stopped = request.stoppedDueToInactivity() ? request : request.stopped(today);
    requestsById.put(id, stopped);
    return Optional.of(stopped);
  }

  private ReportRequest add(String appId, String accessType, LocalDate createdOn) {
    String kindKey = appId + "|" + accessType;
    int generation = generations.merge(kindKey, 1, Integer::sum) - 1;
    String id = requestId(appId, accessType, generation);
    ReportRequest request = new ReportRequest(id, appId, accessType, generation, createdOn, null);
    requestsById.put(id, request);
    return request;
  }

  private String requestId(String appId, String accessType, int generation) {
    return Seeds.uuid(seed, "analyticsReportRequest", appId, accessType, generation).toString();
  }

  private static ApiException snapshotLimitReached(LocalDate previous) {
    // NOTE: Apple documents the one-snapshot-a-month limit but not the error it returns, so the
    // status and code are those of Apple's other create conflicts.
    YearMonth nextMonth = YearMonth.from(previous).plusMonths(1);
    return new ApiException(
        new ApiError(
            409,
            "STATE_ERROR",
            "The request cannot be fulfilled because of the state of another resource.",
            "You can create only one ONE_TIME_SNAPSHOT request per app per calendar month. This"
                + " app's request of this month was created on "
                + previous
                + "; you can create another on or after "
                + nextMonth.atDay(1)
                + ".",
            null,
            null));
  }
}
