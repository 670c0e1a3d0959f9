package io.appstoreetl.sandbox.analytics;

import java.time.LocalDate;

/**
 * An analytics report request of one app.
 *
 * @param id request id, a UUID string
 * @param appId Apple ID of the app
 * @param accessType {@code ONGOING} or {@code ONE_TIME_SNAPSHOT}
 * @param createdOn simulated day it was made through the API, or null for a request that existed
 *     before the sandbox started
 * @param stoppedOn simulated day Apple stopped it for inactivity, or null while it is active
 */
public record ReportRequest(
    String id, String appId, String accessType, LocalDate createdOn, LocalDate stoppedOn) {

  public boolean stoppedDueToInactivity() {
    return stoppedOn != null;
  }

  ReportRequest stopped(LocalDate day) {
    return new ReportRequest(id, appId, accessType, createdOn, day);
  }
}
