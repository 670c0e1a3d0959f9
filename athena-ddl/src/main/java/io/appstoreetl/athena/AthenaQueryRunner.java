package io.appstoreetl.athena;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;

/**
 * Runs one SQL statement at a time through the Athena API: StartQueryExecution in the workgroup
 * with the result location, then GetQueryExecution until the query is SUCCEEDED, FAILED or
 * CANCELLED.
 *
 * <p>Polls start {@value #FIRST_POLL_DELAY_MS} ms apart and double up to {@value
 * #MAX_POLL_DELAY_MS} ms. QUEUED, RUNNING and states this SDK version does not know count as still
 * running. The runner stops waiting after {@code timeout}; it does not cancel the query then, so
 * the query may still finish in Athena.
 */
public final class AthenaQueryRunner {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaQueryRunner.class);

  static final long FIRST_POLL_DELAY_MS = 250;
  static final long MAX_POLL_DELAY_MS = 4000;

  /** The default wait for one statement; DDL statements take seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** Waits between polls; tests pass one that records the delays and returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;

    static Sleeper threadSleep() {
      return delay -> Thread.sleep(delay.toMillis());
    }
  }

  private final AthenaClient athena;
  private final String workgroup;
  private final String outputLocation;
  private final Sleeper sleeper;
  private final Duration timeout;

  public AthenaQueryRunner(
      AthenaClient athena,
      String workgroup,
      String outputLocation,
      Sleeper sleeper,
      Duration timeout) {
    this.athena = Objects.requireNonNull(athena, "athena == null");
    this.workgroup = Objects.requireNonNull(workgroup, "workgroup == null");
    this.outputLocation = Objects.requireNonNull(outputLocation, "outputLocation == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
  }

  /**
   * Runs {@code sql} and returns its query execution id once Athena reports SUCCEEDED.
   *
   * @throws AthenaQueryException if the query ends FAILED or CANCELLED (the message carries
   *     Athena's StateChangeReason), or is still running after the timeout
   * @throws InterruptedException if interrupted while waiting; the query keeps running in Athena
   * @throws software.amazon.awssdk.core.exception.SdkException if a call to Athena fails
   */
  public String run(String sql) throws InterruptedException {
    String id =
        athena
            .startQueryExecution(
                request ->
                    request
                        .queryString(sql)
                        .workGroup(workgroup)
                        .resultConfiguration(result -> result.outputLocation(outputLocation)))
            .queryExecutionId();
    LOG.debug("Started Athena query {} in workgroup {}", id, workgroup);

    long waitedMs = 0;
    long delayMs = FIRST_POLL_DELAY_MS;
    while (true) {
      QueryExecution execution =
          athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution();
      QueryExecutionStatus status = execution.status();
      QueryExecutionState state = status == null ? null : status.state();
      if (state == QueryExecutionState.SUCCEEDED) {
        return id;
      }
      if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
        throw new AthenaQueryException(
            "Athena query " + id + " " + state + ": " + reason(status), id, state.toString());
      }

      if (waitedMs >= timeout.toMillis()) {
        String last = status == null ? "unknown" : status.stateAsString();
        throw new AthenaQueryException(
            "Timed out after "
                + waitedMs
                + " ms waiting for Athena query "
                + id
                + " (last state "
                + last
                + "); it may still finish, see it in the Athena console",
            id,
            last);
      }
      sleeper.sleep(Duration.ofMillis(delayMs));
      waitedMs += delayMs;
      delayMs = Math.min(delayMs * 2, MAX_POLL_DELAY_MS);
    }
  }

  private static String reason(QueryExecutionStatus status) {
    String reason = status.stateChangeReason();
    AthenaError error = status.athenaError();
    if (reason == null && error != null) {
      reason = error.errorMessage();
    }

    return reason == null ? "no reason given" : reason;
  }
}
