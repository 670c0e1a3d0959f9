package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.emr.EmrServerlessStub.Failure;
import io.appstoreetl.emr.EmrServerlessStub.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.InternalServerException;
import software.amazon.awssdk.services.emrserverless.model.ResourceNotFoundException;

/** {@link JobRunWatcher} with the SDK's client against a stub that plays job run states. */
class TestJobRunWatcher {

  static final String APPLICATION_ID = "00fabc123def4567";
  static final String JOB_RUN_ID = "00f0000000000001";
  static final Duration POLL = Duration.ofSeconds(30);

  private EmrServerlessStub stub;
  private EmrServerlessClient client;
  private FakeTime time;
  private StringWriter err;

  @BeforeEach
  void start() throws IOException {
    stub = new EmrServerlessStub();
    // One HTTP request per call, so that the stub's script maps to the watcher's polls.
    client = TestClients.emrServerlessWithoutRetries(stub.endpoint());
    time = new FakeTime(Instant.parse("2025-03-13T06:00:00Z"));
    err = new StringWriter();
  }

  @AfterEach
  void stop() {
    client.close();
    stub.close();
  }

  @Test
  void watchFollowsEveryStateToSuccess() {
    stub.playStates(
        State.of("SUBMITTED"),
        State.of("QUEUED"),
        State.of("QUEUED"),
        State.of("WARMING_UP"),
        State.of("PENDING"),
        State.of("SCHEDULED"),
        State.of("RUNNING"),
        State.of("RUNNING"),
        State.of("SUCCESS"));

    JobRunWatcher.JobRunResult result =
        watcher(Duration.ofHours(2)).watch(APPLICATION_ID, JOB_RUN_ID);

    assertThat(result.state()).isEqualTo("SUCCESS");
    assertThat(result.timedOut()).isFalse();
    assertThat(result.exitCode()).isEqualTo(EmrExitCodes.OK);
    assertThat(err.toString().lines())
        .as("one line per change of state, unknown states included")
        .containsExactly(
            "Job run 00f0000000000001: SUBMITTED",
            "Job run 00f0000000000001: QUEUED",
            "Job run 00f0000000000001: WARMING_UP",
            "Job run 00f0000000000001: PENDING",
            "Job run 00f0000000000001: SCHEDULED",
            "Job run 00f0000000000001: RUNNING",
            "Job run 00f0000000000001: SUCCESS");
    List<EmrServerlessStub.Recorded> polls = stub.requests();
    assertThat(polls).hasSize(9);
    assertThat(polls)
        .allSatisfy(
            poll -> {
              assertThat(poll.method()).isEqualTo("GET");
              assertThat(poll.path())
                  .isEqualTo("/applications/00fabc123def4567/jobruns/00f0000000000001");
            });
    assertThat(time.sleeps())
        .as("a sleep between two polls")
        .isEqualTo(Collections.nCopies(8, POLL));
  }

  @Test
  void watchPrintsStateDetailsOnFailure() {
    String details =
        "Job failed, please check complete logs in configured logging destination. ExitCode: 1."
            + " Last few exceptions: Caused by: java.lang.IllegalArgumentException: Invalid --dates";
    stub.playStates(State.of("SUBMITTED"), State.of("RUNNING"), new State("FAILED", details));

    JobRunWatcher.JobRunResult result =
        watcher(Duration.ofHours(2)).watch(APPLICATION_ID, JOB_RUN_ID);

    assertThat(result.state()).isEqualTo("FAILED");
    assertThat(result.stateDetails()).isEqualTo(details);
    assertThat(result.exitCode()).isEqualTo(EmrExitCodes.FAILED);
    assertThat(err.toString().lines())
        .containsExactly(
            "Job run 00f0000000000001: SUBMITTED",
            "Job run 00f0000000000001: RUNNING",
            "Job run 00f0000000000001: FAILED",
            "Job run 00f0000000000001 FAILED: " + details);
  }

  @Test
  void watchEndsOnCancelled() {
    stub.playStates(
        State.of("RUNNING"),
        new State("CANCELLING", "Job run exceeded its execution timeout"),
        new State("CANCELLED", "Job run exceeded its execution timeout"));

    JobRunWatcher.JobRunResult result =
        watcher(Duration.ofHours(2)).watch(APPLICATION_ID, JOB_RUN_ID);

    assertThat(result.state()).isEqualTo("CANCELLED");
    assertThat(result.exitCode()).isEqualTo(EmrExitCodes.CANCELLED);
    assertThat(err.toString().lines())
        .containsExactly(
            "Job run 00f0000000000001: RUNNING",
            "Job run 00f0000000000001: CANCELLING",
            "Job run 00f0000000000001: CANCELLED",
            "Job run 00f0000000000001 CANCELLED: Job run exceeded its execution timeout");
  }

  @Test
  void watchGivesUpAfterMaxWait() {
    stub.playStates(State.of("RUNNING"));

    JobRunWatcher.JobRunResult result =
        watcher(Duration.ofMinutes(2)).watch(APPLICATION_ID, JOB_RUN_ID);

    assertThat(result.timedOut()).isTrue();
    assertThat(result.state()).isEqualTo("RUNNING");
    assertThat(result.exitCode()).isEqualTo(EmrExitCodes.WAIT_TIMED_OUT);
    assertThat(stub.requests()).as("polls at 0, 30, 60, 90 and 120 s").hasSize(5);
    assertThat(err.toString().lines())
        .containsExactly(
            "Job run 00f0000000000001: RUNNING",
            "Stopped waiting for job run 00f0000000000001 after 2 minutes; it is RUNNING and goes on");
  }

  @Test
  void watchRidesOutServerErrors() {
    stub.playStates(State.of("RUNNING"), State.of("SUCCESS"));
    stub.failNextGetJobRun(new Failure(500, "InternalServerException", "Try again"));
    stub.failNextGetJobRun(new Failure(503, "ServiceUnavailableException", "Slow down"));

    JobRunWatcher.JobRunResult result =
        watcher(Duration.ofHours(2)).watch(APPLICATION_ID, JOB_RUN_ID);

    assertThat(result.state()).isEqualTo("SUCCESS");
    assertThat(stub.requests()).hasSize(4);
    assertThat(err.toString().lines())
        .as("retries go to the log, not to the command's output")
        .containsExactly("Job run 00f0000000000001: RUNNING", "Job run 00f0000000000001: SUCCESS");
  }

  @Test
  void watchStopsAfterTooManyErrors() {
    for (int i = 0; i <= JobRunWatcher.MAX_CONSECUTIVE_ERRORS; i++) {
      stub.failNextGetJobRun(new Failure(500, "InternalServerException", "Down"));
    }
    JobRunWatcher watcher = watcher(Duration.ofHours(2));

    assertThatThrownBy(() -> watcher.watch(APPLICATION_ID, JOB_RUN_ID))
        .isInstanceOf(InternalServerException.class)
        .hasMessageStartingWith("Down");
    assertThat(stub.requests()).hasSize(JobRunWatcher.MAX_CONSECUTIVE_ERRORS + 1);
  }

  @Test
  void watchStopsOnNotFound() {
    stub.failNextGetJobRun(
        new Failure(404, "ResourceNotFoundException", "Job run 00f0000000000001 not found"));
    JobRunWatcher watcher = watcher(Duration.ofHours(2));

    assertThatThrownBy(() -> watcher.watch(APPLICATION_ID, JOB_RUN_ID))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Job run 00f0000000000001 not found");
    assertThat(stub.requests()).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void interruptedWaitKeepsFlag() {
    stub.playStates(State.of("RUNNING"));
    JobRunWatcher watcher =
        new JobRunWatcher(
            client,
            new PrintWriter(err, true),
            time,
            duration -> {
              throw new InterruptedException();
            },
            POLL,
            Duration.ofHours(1));

    try {
      assertThatThrownBy(() -> watcher.watch(APPLICATION_ID, JOB_RUN_ID))
          .isInstanceOf(EmrException.class)
          .hasMessage(
              "Stopped waiting for job run 00f0000000000001: interrupted (the run goes on)");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void finalStates() {
    assertThat(JobRunWatcher.isFinal("SUCCESS")).isTrue();
    assertThat(JobRunWatcher.isFinal("FAILED")).isTrue();
    assertThat(JobRunWatcher.isFinal("CANCELLED")).isTrue();
    for (String running :
        List.of(
            "SUBMITTED", "PENDING", "SCHEDULED", "RUNNING", "QUEUED", "CANCELLING", "NEW_STATE")) {
      assertThat(JobRunWatcher.isFinal(running)).as(running).isFalse();
    }
  }

  private JobRunWatcher watcher(Duration maxWait) {
    return new JobRunWatcher(client, new PrintWriter(err, true), time, time, POLL, maxWait);
  }
}
