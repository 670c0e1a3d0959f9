package io.appstoreetl.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.athena.AthenaStub.State;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code athena apply} with the SDK's real Athena client against {@link AthenaStub}. */
class AthenaCommandTest {

  @TempDir Path workingDirectory;

  private AthenaStub stub;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void startStub() throws IOException {
    stub = new AthenaStub();
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @Test
  void applyRunsDatabaseTablesAndViewsInOrder() {
    stub.playStates(State.of("QUEUED"), State.of("RUNNING"), State.of("SUCCEEDED"));

    int exitCode = apply(environment());

    assertThat(exitCode).as("exit code, stderr: %s", err).isEqualTo(AthenaCommand.OK);
    List<String> queries = stub.startedQueries();
    assertThat(queries).hasSize(1 + Tables.all().size() + AthenaViews.NAMES.size());
    assertThat(queries.get(0)).isEqualTo("CREATE DATABASE IF NOT EXISTS `analytics_prod`\n");
    assertThat(queries.get(1))
        .contains("CREATE TABLE IF NOT EXISTS `analytics_prod`.`" + Tables.all().get(0).name())
        .contains("LOCATION 's3://lake-bucket/appstore/prod/warehouse/analytics_prod.db/");
    assertThat(queries.get(queries.size() - AthenaViews.NAMES.size()))
        .contains("CREATE OR REPLACE VIEW analytics_prod.app_daily_metrics AS")
        .contains("FROM analytics_prod.downloads");
    assertThat(queries.get(queries.size() - 2))
        .contains("CREATE OR REPLACE VIEW analytics_prod.app_weekly_top_search_terms AS")
        .contains("FROM analytics_prod.search_terms");
    assertThat(queries.get(queries.size() - 1))
        .contains("CREATE OR REPLACE VIEW analytics_prod.review_weekly_negative_share AS")
        .contains("FROM analytics_prod.review_insights");
    assertThat(String.join("\n", queries)).doesNotContain("${");
  }

  @Test
  void applySendsWorkgroupAndOutputLocation() {
    apply(environment());

    AthenaStub.Recorded start = stub.requests().get(0);
    assertThat(start.operation()).isEqualTo("StartQueryExecution");
    assertThat(start.body().path("WorkGroup").asText()).isEqualTo("analysts");
    assertThat(start.body().path("ResultConfiguration").path("OutputLocation").asText())
        .isEqualTo("s3://results-bucket/athena/");
    AthenaStub.Recorded poll = stub.requests().get(1);
    assertThat(poll.operation()).isEqualTo("GetQueryExecution");
    assertThat(poll.body().path("QueryExecutionId").asText()).isEqualTo("query-1");
  }

  @Test
  void applyPollsWithGrowingDelays() {
    stub.playStates(
        State.of("QUEUED"),
        State.of("RUNNING"),
        State.of("RUNNING"),
        State.of("RUNNING"),
        State.of("SUCCEEDED"));

    apply(environment());

    assertThat(sleeps.subList(0, 4))
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofMillis(1000),
            Duration.ofMillis(2000));
    assertThat(sleeps).hasSize(4 * stub.startedQueries().size());
  }

  @Test
  void failedStatementShowsReasonAndStops() {
    stub.playStatesFor(
        "app_daily_proceeds",
        State.of("RUNNING"),
        new State("FAILED", "line 1:8: Column 'proceeds' cannot be resolved"));

    int exitCode = apply(environment());

    assertThat(exitCode).isEqualTo(AthenaCommand.FAILED);
    assertThat(err.toString())
        .contains(
            "Error: Athena query query-"
                + (Tables.all().size() + 3)
                + " FAILED: line 1:8: Column 'proceeds' cannot be resolved");
    assertThat(stub.startedQueries())
        .as("no statement after the failed view is started")
        .hasSize(Tables.all().size() + 3);
  }

  @Test
  void cancelledStatementFails() {
    stub.playStates(new State("CANCELLED", "Query was cancelled by user"));

    int exitCode = apply(environment());

    assertThat(exitCode).isEqualTo(AthenaCommand.FAILED);
    assertThat(err.toString())
        .contains("Error: Athena query query-1 CANCELLED: Query was cancelled by user");
    assertThat(stub.startedQueries()).hasSize(1);
  }

  @Test
  void runningStatementTimesOut() {
    stub.playStates(State.of("RUNNING"));

    int exitCode = apply(environment(), "--timeout-seconds", "5");

    assertThat(exitCode).isEqualTo(AthenaCommand.FAILED);
    assertThat(err.toString())
        .contains(
            "Error: Timed out after 7750 ms waiting for Athena query query-1 (last state RUNNING)");
  }

  @Test
  void missingBucketIsUsageError() {
    Map<String, String> environment = environment();
    environment.remove(AthenaSettings.S3_BUCKET);

    int exitCode = apply(environment);

    assertThat(exitCode).isEqualTo(AthenaCommand.USAGE);
    assertThat(err.toString())
        .contains("Error: Missing setting S3_BUCKET (set it in the environment or in .env)");
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void dryRunPrintsStatementsWithoutCalls() {
    int exitCode = apply(environment(), "--dry-run");

    assertThat(exitCode).isEqualTo(AthenaCommand.OK);
    assertThat(out.toString())
        .startsWith("-- database\nCREATE DATABASE IF NOT EXISTS `analytics_prod`;\n")
        .contains("-- view app_daily_metrics\n");
    assertThat(stub.requests()).isEmpty();
  }

  private Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put(AthenaSettings.GLUE_DB, "analytics_prod");
    environment.put(AthenaSettings.S3_BUCKET, "lake-bucket");
    environment.put(AthenaSettings.S3_PREFIX, "appstore/prod/");
    environment.put(AthenaSettings.ATHENA_WORKGROUP, "analysts");
    environment.put(AthenaSettings.ATHENA_OUTPUT, "s3://results-bucket/athena/");
    environment.put(AthenaSettings.AWS_REGION, "eu-west-1");
    environment.put(AthenaSettings.AWS_ENDPOINT_URL, stub.endpoint().toString());
    environment.put(AthenaSettings.AWS_ACCESS_KEY_ID, "test-access-key");
    environment.put(AthenaSettings.AWS_SECRET_ACCESS_KEY, "test-secret-key");
    return environment;
  }

  private int apply(Map<String, String> environment, String... options) {
    List<String> args = new ArrayList<>(List.of("apply"));
    args.addAll(List.of(options));
    AthenaCommand.Context context =
        new AthenaCommand.Context(
            environment,
            workingDirectory,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            sleeps::add);

    return AthenaCommand.execute(context, args.toArray(String[]::new));
  }
}
