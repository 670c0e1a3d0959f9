package io.appstoreetl.emr;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRun;

/**
 * Polls GetJobRun until a job run reaches a final state: SUCCESS, FAILED or CANCELLED.
 *
 * <p>Every other state counts as running: SUBMITTED, PENDING, SCHEDULED, RUNNING, CANCELLING,
 * QUEUED (which SDKs older than EMR 7.3's job queueing do not know) and any state added later. Each
 * change of state is printed to {@code err}, and the final state's {@code stateDetails} too, which
 * is where EMR Serverless puts the reason of a failure.
 *
 * <p>A GetJobRun call that fails without a response, with a 5xx or with throttling is logged as a
 * WARN and tried again after the poll interval, up to {@value #MAX_CONSECUTIVE_ERRORS} times in a
 * row (the SDK has already retried each call). Any other failure ends the wait with the SDK's
 * exception.
 *
 * <p>Not thread-safe: one watcher watches one run at a time.
 */
public final class JobRunWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunWatcher.class);

  public static final String SUCCESS = "SUCCESS";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";
  private static final Set<String> FINAL_STATES = Set.of(SUCCESS, FAILED, CANCELLED);

  /** Failed GetJobRun calls in a row that the watcher waits through. */
  public static final int MAX_CONSECUTIVE_ERRORS = 5;

  private final EmrServerlessClient client;
  private final PrintWriter err;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final Duration maxWait;

  /**
   * Creates a watcher.
   *
   * @param err where state changes and failure details are printed
   * @param clock measures {@code maxWait}
   * @param sleeper waits between polls; tests pass one that advances their clock
   * @param pollInterval the time between two GetJobRun calls
   * @param maxWait how long to wait for a final state before giving up
   */
  public JobRunWatcher(
      EmrServerlessClient client,
      PrintWriter err,
      Clock clock,
      Sleeper sleeper,
      Duration pollInterval,
      Duration maxWait) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.err = Objects.requireNonNull(err, "err == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait == null");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval should be positive, value: " + pollInterval);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait should not be negative, value: " + maxWait);
    }
  }

  /** Returns whether {@code state} is SUCCESS, FAILED or CANCELLED. */
  public static boolean isFinal(String state) {
    return FINAL_STATES.contains(state);
  }

  /**
   * Polls the job run until it reaches a final state or {@code maxWait} has passed.
   *
   * @return the final state, or the last state seen with {@link JobRunResult#timedOut} set
   * @throws SdkException if GetJobRun fails for a reason other than a passing one, or more than
   *     {@value #MAX_CONSECUTIVE_ERRORS} times in a row
   * @throws EmrException with {@link EmrExitCodes#WAIT_TIMED_OUT} if the thread is interrupted
   */
  public JobRunResult watch(String applicationId, String jobRunId) {
    Instant deadline = clock.instant().plus(maxWait);
    String lastState = null;
    int consecutiveErrors = 0;

    while (true) {
      JobRun jobRun;
      try {
        jobRun =
            client.getJobRun(get -> get.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
        consecutiveErrors = 0;
      } catch (SdkException e) {
        consecutiveErrors++;
        if (!isPassing(e) || consecutiveErrors > MAX_CONSECUTIVE_ERRORS) {
          throw e;
        }
        LOG.warn(
            "GetJobRun for job run {} failed ({} of {} failures in a row allowed), retrying in {}"
                + " ms: {}",
            jobRunId,
            consecutiveErrors,
            MAX_CONSECUTIVE_ERRORS,
            pollInterval.toMillis(),
            e.getMessage(),
            e);
        sleep(jobRunId);
        continue;
      }

      String state = jobRun == null ? null : jobRun.stateAsString();
      String details = jobRun == null ? null : jobRun.stateDetails();
      if (state == null) {
        state = "UNKNOWN";
      }
      if (!state.equals(lastState)) {
        err.printf("Job run %s: %s%n", jobRunId, state);
        err.flush();
        lastState = state;
      }

      if (isFinal(state)) {
        if (!state.equals(SUCCESS)) {
          err.printf(
              "Job run %s %s: %s%n",
              jobRunId,
              state,
              details == null || details.isBlank() ? "(no stateDetails)" : details);
        }
        err.flush();
        return new JobRunResult(applicationId, jobRunId, state, details, false /* timedOut */);
      }

      if (!clock.instant().isBefore(deadline)) {
        err.printf(
            "Stopped waiting for job run %s after %d minutes; it is %s and goes on%n",
            jobRunId, maxWait.toMinutes(), state);
        err.flush();
        return new JobRunResult(applicationId, jobRunId, state, details, true /* timedOut */);
      }
      sleep(jobRunId);
    }
  }

  private void sleep(String jobRunId) {
    try {
      sleeper.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmrException(
          EmrExitCodes.WAIT_TIMED_OUT,
          "Stopped waiting for job run " + jobRunId + ": interrupted (the run goes on)");
    }
  }

  /** No response, a server error or throttling: the next poll may well succeed. */
  private static boolean isPassing(SdkException e) {
    if (e instanceof SdkClientException) {
      return true;
    }
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }

    return false;
  }

  /** Waits between two polls. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Returns a sleeper that blocks the thread. */
    static Sleeper threadSleep() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  /**
   * Outcome of watching a job run.
   *
   * @param state the final state, or the last state seen when the wait timed out
   * @param stateDetails EMR Serverless's explanation of the state, or null
   * @param timedOut whether the wait ended before the run did
   */
  public record JobRunResult(
      String applicationId, String jobRunId, String state, String stateDetails, boolean timedOut) {

    /** Returns the command's exit code for this result (see {@link EmrExitCodes}). */
    public int exitCode() {
      if (timedOut) {
        return EmrExitCodes.WAIT_TIMED_OUT;
      }

      return switch (state) {
        case SUCCESS -> EmrExitCodes.OK;
        case CANCELLED -> EmrExitCodes.CANCELLED;
        default -> EmrExitCodes.FAILED;
      };
    }
  }
}
