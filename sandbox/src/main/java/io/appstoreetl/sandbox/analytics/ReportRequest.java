package io.appstoreetl.sandbox.analytics;

import java.time.LocalDate;

/**
 * An analytics report request of one app.
 *
 * @param id request id, a UUID string
 * @param appId Apple ID of the app
 * @param accessType {@code ONGOING} or {@code ONE_TIME_SNAPSHOT}
 * @param generation how many requests of this access type the app had before this one, from 0
 * @param createdOn simulated day it was made through the API, or null for a request that existed
 *     before the sandbox started
 * @param stoppedOn simulated day Apple stopped it for inactivity, or null while it is active
 */
public record ReportRequest(
    String id,
    String appId,
    String accessType,
    int generation,
    LocalDate createdOn,
    LocalDate stoppedOn) {

  public static final String ONGOING = "ONGOING";
  public static final String ONE_TIME_SNAPSHOT = "ONE_TIME_SNAPSHOT";

  public boolean stoppedDueToInactivity() {
    return stoppedOn != null;
  }

  public boolean isSnapshot() {
    return accessType.equals(ONE_TIME_SNAPSHOT);
  }

  ReportRequest stopped(LocalDate day) {
    return new ReportRequest(id, appId, accessType, generation, createdOn, day);
  }
}
