package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.Seeds;
import io.appstoreetl.sandbox.http.ApiErrors;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analytics report requests of all apps, at most one per app and access type (a stopped request
 * still counts until it is deleted). Thread-safe.
 *
 * <p>Ids are derived from the seed, the app, the access type and how many requests of that kind the
 * app has had, so a request that exists at start keeps its id when the sandbox restarts.
 */
public final class RequestRegistry {

  /** Values of {@code accessType}. */
  public static final List<String> ACCESS_TYPES = List.of("ONE_TIME_SNAPSHOT", "ONGOING");

  private final long seed;
  private final Map<String, ReportRequest> requestsById = new LinkedHashMap<>();
  private final Map<String, Integer> generations = new HashMap<>();

  /**
   * Creates the registry.
   *
   * @param ongoingAtStart whether each app starts with an ONGOING request made long ago
   */
  public RequestRegistry(long seed, List<String> appIds, boolean ongoingAtStart) {
    this.seed = seed;
    if (ongoingAtStart) {
      for (String appId : appIds) {
        add(appId, "ONGOING", null);
      }
    }
  }

  /**
   * Makes a request for the app.
   *
   * @throws io.appstoreetl.sandbox.http.ApiException 409 when the app already has a request with
   *     this access type, stopped or not
   */
  public synchronized ReportRequest create(String appId, String accessType, LocalDate today) {
    for (ReportRequest existing : requestsById.values()) {
      if (existing.appId().equals(appId) && existing.accessType().equals(accessType)) {
        throw ApiErrors.duplicateEntity();
      }
    }
    return add(appId, accessType, today);
  }

  public synchronized Optional<ReportRequest> find(String id) {
    return Optional.ofNullable(requestsById.get(id));
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
    String id =
        Seeds.uuid(seed, "analyticsReportRequest", appId, accessType, generation).toString();
    ReportRequest request = new ReportRequest(id, appId, accessType, createdOn, null);
    requestsById.put(id, request);
    return request;
  }
}
