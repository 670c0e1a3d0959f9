package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.emr.EmrServerlessStub.State;
import io.appstoreetl.testsupport.S3ProxyExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code emr deploy} and {@code emr submit} as the launcher runs them: configuration from an
 * environment map, AWS_ENDPOINT_URL pointing at a local stub (EMR Serverless) or S3Proxy (S3).
 */
@ExtendWith(S3ProxyExtension.class)
class TestEmrCommand {

  @TempDir Path dir;

  private EmrServerlessStub stub;
  private Map<String, String> environment;
  private FakeTime time;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void start() throws IOException {
    stub = new EmrServerlessStub();
    environment = new HashMap<>();
    environment.put("S3_BUCKET", S3ProxyExtension.BUCKET);
    environment.put("S3_PREFIX", "prod/appstore");
    environment.put("AWS_REGION", TestClients.REGION);
    environment.put("GLUE_DB", "appstore");
    environment.put("EMR_APPLICATION_ID", "00fabc123def4567");
    environment.put(
        "EMR_EXECUTION_ROLE_ARN", "arn:aws:iam::111122223333:role/appstore-etl-emr-job");
    environment.put("AWS_ENDPOINT_URL", stub.endpoint().toString());
    environment.put("AWS_ACCESS_KEY_ID", TestClients.ACCESS_KEY_ID);
    environment.put("AWS_SECRET_ACCESS_KEY", TestClients.SECRET_ACCESS_KEY);
    time = new FakeTime(Instant.parse("2025-03-13T06:00:00Z"));
    out = new StringWriter();
    err = new StringWriter();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void submitPrintsRunIdOnly() {
    int exitCode = run("submit", "--from", "2025-03-10", "--to", "2025-03-12");

    assertThat(exitCode).as(err.toString()).isEqualTo(EmrExitCodes.OK);
    assertThat(out.toString()).isEqualTo("00f0000000000001\n");
    assertThat(err.toString())
        .isEqualTo(
            "Submitted job run 00f0000000000001 (appstore-etl-curation-2025-03-10-2025-03-12-a1) to"
                + " application 00fabc123def4567, client token curation-2025-03-10-2025-03-12-a1;"
                + " logs under s3://appstore-lake/prod/appstore/emr-logs/\n");
    assertThat(stub.requests()).hasSize(1);
    JsonNode body = stub.requests().get(0).json();
    assertThat(body.path("jobDriver").path("sparkSubmit").path("entryPoint").asText())
        .isEqualTo(
            "s3://appstore-lake/prod/appstore/jars/spark-curation-"
                + JobJar.version()
                + "-job.jar");
  }

  @Test
  void submitWaitSucceeds() {
    stub.playStates(
        State.of("SUBMITTED"),
        State.of("QUEUED"),
        State.of("NEW_STATE"),
        State.of("RUNNING"),
        State.of("SUCCESS"));

    int exitCode =
        run(
            "submit",
            "--from",
            "2025-03-12",
            "--to",
            "2025-03-12",
            "--wait",
            "--poll-interval",
            "10");

    assertThat(exitCode).as(err.toString()).isEqualTo(EmrExitCodes.OK);
    assertThat(out.toString()).isEqualTo("00f0000000000001\n");
    assertThat(err.toString().lines())
        .containsSubsequence(
            "Job run 00f0000000000001: SUBMITTED",
            "Job run 00f0000000000001: QUEUED",
            "Job run 00f0000000000001: NEW_STATE",
            "Job run 00f0000000000001: RUNNING",
            "Job run 00f0000000000001: SUCCESS");
    assertThat(stub.requests("GET")).hasSize(5);
    assertThat(time.sleeps()).containsOnly(Duration.ofSeconds(10)).hasSize(4);
  }

  @Test
  void submitWaitFailsWithDetails() {
    stub.playStates(
        State.of("RUNNING"),
        new State(
            "FAILED", "Job failed, ExitCode: 1. Cannot read s3://appstore-lake/prod/appstore/raw"));

    int exitCode = run("submit", "--from", "2025-03-12", "--to", "2025-03-12", "--wait");

    assertThat(exitCode).isEqualTo(EmrExitCodes.FAILED);
    assertThat(err.toString())
        .contains(
            "Job run 00f0000000000001 FAILED: Job failed, ExitCode: 1. Cannot read"
                + " s3://appstore-lake/prod/appstore/raw\n");
  }

  @Test
  void retryAfterFailureStartsNewRun() {
    stub.playStates(State.of("FAILED"));
    assertThat(run("submit", "--from", "2025-03-12", "--to", "2025-03-12", "--wait"))
        .isEqualTo(EmrExitCodes.FAILED);
    assertThat(run("submit", "--from", "2025-03-12", "--to", "2025-03-12"))
        .isEqualTo(EmrExitCodes.OK);
    assertThat(run("submit", "--from", "2025-03-12", "--to", "2025-03-12", "--attempt", "2"))
        .isEqualTo(EmrExitCodes.OK);

    assertThat(out.toString().lines())
        .as("attempt 1 twice gives one run, attempt 2 a new one")
        .containsExactly("00f0000000000001", "00f0000000000001", "00f0000000000002");
    List<String> tokens = new ArrayList<>();
    for (EmrServerlessStub.Recorded request : stub.requests("POST")) {
      tokens.add(request.json().path("clientToken").asText());
    }
    assertThat(tokens)
        .containsExactly(
            "curation-2025-03-12-2025-03-12-a1",
            "curation-2025-03-12-2025-03-12-a1",
            "curation-2025-03-12-2025-03-12-a2");
  }

  @Test
  void submitWaitCancelledExitsFour() {
    stub.playStates(State.of("CANCELLED"));

    assertThat(run("submit", "--from", "2025-03-12", "--to", "2025-03-12", "--wait"))
        .isEqualTo(EmrExitCodes.CANCELLED);
  }

  @Test
  void submitWaitTimesOut() {
    stub.playStates(State.of("QUEUED"));

    int exitCode =
        run(
            "submit",
            "--from",
            "2025-03-12",
            "--to",
            "2025-03-12",
            "--wait",
            "--max-wait",
            "3",
            "--poll-interval",
            "60");

    assertThat(exitCode).isEqualTo(EmrExitCodes.WAIT_TIMED_OUT);
    assertThat(stub.requests("GET")).hasSize(4);
    assertThat(err.toString())
        .endsWith(
            "Stopped waiting for job run 00f0000000000001 after 3 minutes; it is QUEUED and goes on\n");
  }

  @Test
  void awsErrorExitsSix() {
    stub.failNextStartJobRun(
        new EmrServerlessStub.Failure(
            403,
            "AccessDeniedException",
            "User is not authorized to perform emr-serverless:StartJobRun"));

    int exitCode = run("submit", "--from", "2025-03-12", "--to", "2025-03-12");

    assertThat(exitCode).isEqualTo(EmrExitCodes.AWS_ERROR);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .startsWith(
            "Error: cannot run the job on EMR Serverless: User is not authorized to perform"
                + " emr-serverless:StartJobRun (Service: EmrServerless, Status Code: 403");
    assertThat(err.toString()).doesNotContain(TestClients.SECRET_ACCESS_KEY);
  }

  @Test
  void missingConfigurationExitsThree() {
    environment.remove("EMR_APPLICATION_ID");
    environment.remove("EMR_EXECUTION_ROLE_ARN");

    int exitCode = run("submit", "--from", "2025-03-12", "--to", "2025-03-12");

    assertThat(exitCode).isEqualTo(EmrExitCodes.UNEXPECTED_STATE);
    assertThat(err.toString())
        .isEqualTo(
            "Error: Missing configuration: EMR_APPLICATION_ID, EMR_EXECUTION_ROLE_ARN (set them in"
                + " the environment or in .env)\n");
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void invalidInputExitsTwo() {
    assertThat(run("submit", "--from", "2025-03-12", "--to", "2025-03-11"))
        .isEqualTo(EmrExitCodes.USAGE);
    assertThat(run("submit", "--from", "12.03.2025", "--to", "2025-03-12"))
        .isEqualTo(EmrExitCodes.USAGE);
    assertThat(
            run(
                "submit",
                "--from",
                "2025-03-12",
                "--to",
                "2025-03-12",
                "--tables",
                "downloads,nope"))
        .isEqualTo(EmrExitCodes.USAGE);
    assertThat(run("submit", "--from", "2025-03-12", "--to", "2025-03-12", "--attempt", "0"))
        .isEqualTo(EmrExitCodes.USAGE);
    assertThat(run("submit", "--from", "2025-03-12")).isEqualTo(EmrExitCodes.USAGE);
    assertThat(run()).isEqualTo(EmrExitCodes.USAGE);

    assertThat(err.toString().lines())
        .contains(
            "Error: Invalid --to: 2025-03-11 (expected a date on or after --from 2025-03-12)",
            "Error: Invalid --from: 12.03.2025 (expected YYYY-MM-DD)",
            "Error: Invalid --attempt: 0 (expected 1 to 9999)",
            "Missing required option: '--to=YYYY-MM-DD'",
            "Missing subcommand (expected deploy or submit)");
    assertThat(err.toString())
        .contains("Error: Invalid --tables: Invalid table name: nope (expected one of");
    assertThat(stub.requests()).isEmpty();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void submitMaintenanceStartsMaintenanceJob() {
    stub.playStates(State.of("RUNNING"), State.of("SUCCESS"));

    int exitCode =
        run(
            "submit",
            "--job",
            "maintenance",
            "--retain-days",
            "14",
            "--orphan-age-hours",
            "48",
            "--attempt",
            "2",
            "--wait");

    assertThat(exitCode).as(err.toString()).isEqualTo(EmrExitCodes.OK);
    assertThat(out.toString()).isEqualTo("00f0000000000001\n");
    JsonNode body = stub.requests("POST").get(0).json();
    assertThat(body.path("clientToken").asText()).isEqualTo("maintenance-2025-03-13-a2");
    assertThat(body.path("name").asText()).isEqualTo("appstore-etl-maintenance-2025-03-13-a2");
    JsonNode sparkSubmit = body.path("jobDriver").path("sparkSubmit");
    assertThat(sparkSubmit.path("sparkSubmitParameters").asText())
        .startsWith("--class io.appstoreetl.curation.MaintenanceJob --conf ");
    List<String> arguments = new ArrayList<>();
    sparkSubmit.path("entryPointArguments").forEach(argument -> arguments.add(argument.asText()));
    assertThat(arguments)
        .containsExactly(
            "--catalog-name",
            "lake",
            "--database",
            "appstore",
            "--retain-days",
            "14",
            "--orphan-age-hours",
            "48");
    assertThat(err.toString().lines()).contains("Job run 00f0000000000001: SUCCESS");
  }

  @Test
  void maintenanceOptionsNeedMaintenanceJob() {
    assertThat(run("submit", "--job", "maintenance", "--from", "2025-03-12"))
        .isEqualTo(EmrExitCodes.USAGE);
    assertThat(run("submit", "--from", "2025-03-12", "--to", "2025-03-12", "--retain-days", "3"))
        .isEqualTo(EmrExitCodes.USAGE);
    assertThat(run("submit", "--job", "compaction")).isEqualTo(EmrExitCodes.USAGE);
    assertThat(run("submit")).isEqualTo(EmrExitCodes.USAGE);

    assertThat(err.toString().lines())
        .contains(
            "Invalid options: --from and --to select dates of the curation job (the maintenance"
                + " job covers whole tables)",
            "Invalid options: --retain-days, --orphan-age-hours and --min-input-files need --job"
                + " maintenance",
            "Invalid --job: compaction (expected curation or maintenance)",
            "Missing required options: '--from=YYYY-MM-DD', '--to=YYYY-MM-DD'");
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void maintenanceSparkJobMatchesWhatSubmitSent() {
    assertThat(run("submit", "--job", "maintenance", "--tables", "downloads,sales")).isZero();
    JsonNode body = stub.requests("POST").get(0).json();
    JsonNode sparkSubmit = body.path("jobDriver").path("sparkSubmit");
    List<String> sent =
        new ArrayList<>(List.of(sparkSubmit.path("sparkSubmitParameters").asText().split(" ")));
    sent.add(sparkSubmit.path("entryPoint").asText());
    sparkSubmit.path("entryPointArguments").forEach(argument -> sent.add(argument.asText()));

    List<String> arguments =
        EmrCommand.sparkSubmitArguments(
            context(), "--job", "maintenance", "--tables", "downloads,sales");

    assertThat(arguments).containsExactlyElementsOf(sent);
    assertThat(arguments).endsWith("--tables", "downloads,sales");
    assertThat(body.path("clientToken").asText()).startsWith("maintenance-2025-03-13-a1-t");
  }

  @Test
  void sparkSubmitArgumentsMatchWhatSubmitSent() {
    assertThat(
            run(
                "submit",
                "--from",
                "2025-03-10",
                "--to",
                "2025-03-12",
                "--tables",
                "downloads,sales"))
        .isZero();
    JsonNode sparkSubmit =
        stub.requests("POST").get(0).json().path("jobDriver").path("sparkSubmit");
    List<String> sent =
        new ArrayList<>(List.of(sparkSubmit.path("sparkSubmitParameters").asText().split(" ")));
    sent.add(sparkSubmit.path("entryPoint").asText());
    sparkSubmit.path("entryPointArguments").forEach(argument -> sent.add(argument.asText()));

    List<String> arguments =
        EmrCommand.sparkSubmitArguments(
            context(), "--from", "2025-03-10", "--to", "2025-03-12", "--tables", "downloads,sales");

    assertThat(arguments).containsExactlyElementsOf(sent);
    assertThat(stub.requests()).as("no AWS call").hasSize(1);
  }

  @Test
  void sparkJobRejectsInvalidOptions() {
    assertThatThrownBy(() -> EmrCommand.sparkJob(context(), "--from", "2025-03-10"))
        .isInstanceOf(EmrException.class)
        .hasMessage("Missing required option: '--to=YYYY-MM-DD'")
        .extracting(e -> ((EmrException) e).exitCode())
        .isEqualTo(EmrExitCodes.USAGE);
    assertThatThrownBy(() -> EmrCommand.sparkJob(context(), "--help"))
        .isInstanceOf(EmrException.class)
        .hasMessage("Invalid job options: --help (expected no --help)");
  }

  @Test
  void deployUploadsBuiltJar() throws IOException {
    environment.put("AWS_ENDPOINT_URL", S3ProxyExtension.endpoint().toString());
    Path home = dir.resolve("checkout");
    Path jar = home.resolve(JobJar.BUILD_DIRECTORY).resolve(JobJar.fileName());
    Files.createDirectories(jar.getParent());
    byte[] content = TestEmrDeployer.randomBytes(100_000);
    Files.write(jar, content);

    int exitCode = EmrCommand.execute(context(home), "deploy");

    String key = "prod/appstore/jars/" + JobJar.fileName();
    assertThat(exitCode).as(err.toString()).isEqualTo(EmrExitCodes.OK);
    assertThat(out.toString()).isEqualTo("s3://appstore-lake/" + key + "\n");
    try (S3Client s3 = TestClients.s3(S3ProxyExtension.endpoint())) {
      assertThat(
              s3.getObjectAsBytes(request -> request.bucket(S3ProxyExtension.BUCKET).key(key))
                  .asByteArray())
          .isEqualTo(content);
    }
  }

  @Test
  void deployWithoutBuiltJarExitsThree() {
    environment.put("AWS_ENDPOINT_URL", S3ProxyExtension.endpoint().toString());

    int exitCode = run("deploy", "--jar", "missing/job.jar");

    assertThat(exitCode).isEqualTo(EmrExitCodes.UNEXPECTED_STATE);
    assertThat(err.toString())
        .endsWith(
            "Error: Cannot deploy "
                + dir.resolve("missing/job.jar")
                + ": no such file (build it with mvn -DskipTests install)\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void mountsUnderParentCommand() {
    StringWriter help = new StringWriter();
    CommandLine launcher = new CommandLine(new Launcher());
    launcher.setOut(new PrintWriter(help, true));

    int exitCode = launcher.execute("emr", "submit", "--help");

    assertThat(exitCode).isZero();
    assertThat(help.toString())
        .contains("Usage: appstore-etl emr submit")
        .contains("--from=YYYY-MM-DD")
        .contains("--attempt=N")
        .contains("--wait");
  }

  /** A parent command that mounts {@code emr} by class, as the launcher does. */
  @Command(name = "appstore-etl", subcommands = EmrCommand.class)
  static final class Launcher {}

  private int run(String... args) {
    return EmrCommand.execute(context(), args);
  }

  private EmrContext context() {
    return context(dir);
  }

  private EmrContext context(Path projectHome) {
    return new EmrContext(
        environment,
        dir,
        projectHome,
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        time,
        time);
  }
}
