package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;

/** {@link EmrJobSubmitter} with the SDK's EMR Serverless client against a local stub. */
class TestEmrJobSubmitter {

  static final DateRange RANGE =
      new DateRange(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-12"));

  static final String[] GLUE_CONF = {
    "spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar",
    "spark.hadoop.hive.metastore.client.factory.class="
        + "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory",
    "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
    "spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog",
    "spark.sql.catalog.lake.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog",
    "spark.sql.catalog.lake.io-impl=org.apache.iceberg.aws.s3.S3FileIO",
    "spark.sql.catalog.lake.warehouse=s3://appstore-lake/prod/appstore/warehouse/",
    "spark.sql.catalog.lake.table-default.format-version=2",
    "spark.sql.defaultCatalog=lake"
  };

  private EmrServerlessStub stub;
  private EmrServerlessClient client;
  private EmrJobSubmitter submitter;

  @BeforeEach
  void start() throws IOException {
    stub = new EmrServerlessStub();
    client = TestClients.emrServerless(stub.endpoint());
    submitter = new EmrJobSubmitter(client, JobSettingsFixture.settings());
  }

  @AfterEach
  void stop() {
    client.close();
    stub.close();
  }

  @Test
  void startJobRunSendsEveryField() {
    EmrJobSubmitter.SubmittedJobRun run = submitter.submit(RANGE, 1);

    List<EmrServerlessStub.Recorded> requests = stub.requests();
    assertThat(requests).hasSize(1);
    EmrServerlessStub.Recorded request = requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/applications/00fabc123def4567/jobruns");
    assertThat(request.headers().get("Authorization").get(0))
        .as("SigV4 with the test credentials for emr-serverless")
        .startsWith("AWS4-HMAC-SHA256 Credential=test-access-key/")
        .contains("/us-east-1/emr-serverless/aws4_request");

    JsonNode body = request.json();
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder(
            "clientToken",
            "executionRoleArn",
            "name",
            "executionTimeoutMinutes",
            "jobDriver",
            "configurationOverrides");
    assertThat(body.path("clientToken").asText()).isEqualTo("curation-2025-03-01-2025-03-12-a1");
    assertThat(body.path("executionRoleArn").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/appstore-etl-emr-job");
    assertThat(body.path("name").asText())
        .isEqualTo("appstore-etl-curation-2025-03-01-2025-03-12-a1");
    assertThat(body.path("executionTimeoutMinutes").asLong()).isEqualTo(180);

    JsonNode sparkSubmit = body.path("jobDriver").path("sparkSubmit");
    assertThat(fieldNames(body.path("jobDriver"))).containsExactly("sparkSubmit");
    assertThat(sparkSubmit.path("entryPoint").asText())
        .isEqualTo("s3://appstore-lake/prod/appstore/jars/spark-curation-1.2.3-job.jar");
    assertThat(texts(sparkSubmit.path("entryPointArguments")))
        .containsExactly(
            "--raw-root",
            "s3://appstore-lake/prod/appstore/raw",
            "--catalog-name",
            "lake",
            "--database",
            "appstore",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-12");
    List<String> expectedParameters =
        new ArrayList<>(List.of("--class", "io.appstoreetl.curation.CurationJob"));
    for (String conf : GLUE_CONF) {
      expectedParameters.add("--conf");
      expectedParameters.add(conf);
    }
    assertThat(sparkSubmit.path("sparkSubmitParameters").asText().split(" "))
        .containsExactlyElementsOf(expectedParameters);

    JsonNode overrides = body.path("configurationOverrides");
    assertThat(fieldNames(overrides)).containsExactly("monitoringConfiguration");
    assertThat(fieldNames(overrides.path("monitoringConfiguration")))
        .containsExactly("s3MonitoringConfiguration");
    assertThat(
            overrides
                .path("monitoringConfiguration")
                .path("s3MonitoringConfiguration")
                .path("logUri")
                .asText())
        .isEqualTo("s3://appstore-lake/prod/appstore/emr-logs/");

    assertThat(run.applicationId()).isEqualTo("00fabc123def4567");
    assertThat(run.jobRunId()).isEqualTo("00f0000000000001");
    assertThat(run.arn()).endsWith("/applications/00fabc123def4567/jobruns/00f0000000000001");
    assertThat(run.clientToken()).isEqualTo("curation-2025-03-01-2025-03-12-a1");
  }

  @Test
  void sameAttemptReturnsSameRun() {
    EmrJobSubmitter.SubmittedJobRun first = submitter.submit(RANGE, 1);
    EmrJobSubmitter.SubmittedJobRun again = submitter.submit(RANGE, 1);

    assertThat(again.jobRunId()).isEqualTo(first.jobRunId());
    List<EmrServerlessStub.Recorded> requests = stub.requests("POST");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).json())
        .as("a repeated submit sends the same request")
        .isEqualTo(requests.get(0).json());
  }

  @Test
  void nextAttemptStartsNewRun() {
    EmrJobSubmitter.SubmittedJobRun first = submitter.submit(RANGE, 1);
    EmrJobSubmitter.SubmittedJobRun retry = submitter.submit(RANGE, 2);

    assertThat(retry.jobRunId()).isNotEqualTo(first.jobRunId());
    assertThat(retry.clientToken()).isEqualTo("curation-2025-03-01-2025-03-12-a2");
    assertThat(stub.requests("POST").get(1).json().path("name").asText())
        .isEqualTo("appstore-etl-curation-2025-03-01-2025-03-12-a2");
  }

  @Test
  void otherRangeStartsNewRun() {
    EmrJobSubmitter.SubmittedJobRun first = submitter.submit(RANGE, 1);
    DateRange nextDay = new DateRange(LocalDate.parse("2025-03-13"), LocalDate.parse("2025-03-13"));

    EmrJobSubmitter.SubmittedJobRun next = submitter.submit(nextDay, 1);

    assertThat(next.jobRunId()).isNotEqualTo(first.jobRunId());
    assertThat(next.clientToken()).isEqualTo("curation-2025-03-13-2025-03-13-a1");
  }

  @Test
  void tableSelectionChangesTokenAndArguments() {
    EmrJobSubmitter.SubmittedJobRun all = submitter.submit(RANGE, 1);
    EmrJobSubmitter.SubmittedJobRun some =
        submitter.submit(RANGE, List.of("sales", "downloads", "sales"), 1);
    EmrJobSubmitter.SubmittedJobRun sameSet =
        submitter.submit(RANGE, List.of("downloads", "sales"), 1);

    assertThat(some.jobRunId()).isNotEqualTo(all.jobRunId());
    assertThat(some.clientToken()).matches("curation-2025-03-01-2025-03-12-a1-t[0-9a-f]{8}");
    assertThat(sameSet.clientToken())
        .as("the token ignores the order of the names")
        .isEqualTo(some.clientToken());
    assertThat(sameSet.jobRunId()).isEqualTo(some.jobRunId());
    List<String> arguments =
        texts(
            stub.requests("POST")
                .get(1)
                .json()
                .path("jobDriver")
                .path("sparkSubmit")
                .path("entryPointArguments"));
    assertThat(arguments.subList(arguments.size() - 2, arguments.size()))
        .containsExactly("--tables", "sales,downloads");
  }

  @Test
  void clientTokenFitsApiPattern() {
    DateRange longest = new DateRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2034-12-31"));

    String token =
        EmrJobSubmitter.clientToken(longest, List.of("downloads"), EmrJobSubmitter.MAX_ATTEMPT);

    // StartJobRun takes 1 to 64 characters of [A-Za-z0-9._-].
    assertThat(token).matches("[A-Za-z0-9._-]{1,64}");
  }

  @Test
  void unknownTableRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> submitter.submit(RANGE, List.of("downloads", "no_such_table"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Invalid --tables: Invalid table name: no_such_table (expected one of downloads,");
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void attemptOutOfRangeRejected() {
    assertThatThrownBy(() -> submitter.submit(RANGE, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --attempt: 0 (expected 1 to 9999)");
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void serviceErrorSurfaces() {
    stub.failNextStartJobRun(
        new EmrServerlessStub.Failure(
            400, "ValidationException", "Application 00fabc123def4567 is in STOPPED state"));

    assertThatThrownBy(() -> submitter.submit(RANGE, 1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Application 00fabc123def4567 is in STOPPED state")
        .hasMessageContaining("Status Code: 400");
  }

  @Test
  void sparkSubmitArgumentsMatchRequest() {
    submitter.submit(RANGE, List.of("downloads"), 1);
    JsonNode sparkSubmit =
        stub.requests("POST").get(0).json().path("jobDriver").path("sparkSubmit");

    List<String> expected =
        new ArrayList<>(List.of(sparkSubmit.path("sparkSubmitParameters").asText().split(" ")));
    expected.add(sparkSubmit.path("entryPoint").asText());
    expected.addAll(texts(sparkSubmit.path("entryPointArguments")));

    assertThat(submitter.sparkJob(RANGE, List.of("downloads")).sparkSubmitArguments())
        .containsExactlyElementsOf(expected);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      values.add(it.next().asText());
    }
    return values;
  }
}
