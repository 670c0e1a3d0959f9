package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEmrConfig {

  @TempDir Path dir;

  static Map<String, String> submitEnvironment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("S3_BUCKET", "appstore-lake");
    environment.put("S3_PREFIX", "prod/appstore");
    environment.put("AWS_REGION", "eu-west-1");
    environment.put("EMR_APPLICATION_ID", "00fabc123def4567");
    environment.put(
        "EMR_EXECUTION_ROLE_ARN", "arn:aws:iam::111122223333:role/appstore-etl-emr-job");
    return environment;
  }

  @Test
  void submitDefaults() {
    EmrConfig.SubmitSettings settings = EmrConfig.load(submitEnvironment(), dir).forSubmit();

    EmrJobSettings job = settings.job();
    assertThat(job.applicationId()).isEqualTo("00fabc123def4567");
    assertThat(job.executionRoleArn())
        .isEqualTo("arn:aws:iam::111122223333:role/appstore-etl-emr-job");
    assertThat(job.lake()).isEqualTo(new S3Lake("appstore-lake", "prod/appstore"));
    assertThat(job.database()).isEqualTo("appstore");
    assertThat(job.catalogName()).isEqualTo("lake");
    assertThat(job.jobJarUri())
        .isEqualTo(
            "s3://appstore-lake/prod/appstore/jars/spark-curation-"
                + JobJar.version()
                + "-job.jar");
    assertThat(job.logUri()).isEqualTo("s3://appstore-lake/prod/appstore/emr-logs/");
    assertThat(job.executionTimeoutMinutes()).isEqualTo(180);
    assertThat(settings.aws().region()).isEqualTo("eu-west-1");
    assertThat(settings.aws().endpointOverride()).isNull();
    assertThat(settings.aws().accessKeyId()).as("the SDK's default chain").isNull();
  }

  @Test
  void submitOverrides() {
    Map<String, String> environment = submitEnvironment();
    environment.put("GLUE_DB", "appstore_dev");
    environment.put("EMR_LOG_URI", "s3://logs-bucket/emr");
    environment.put("EMR_JOB_JAR_URI", "s3://jars-bucket/curation.jar");
    environment.put("EMR_EXECUTION_TIMEOUT_MINUTES", "600");
    environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");

    EmrConfig.SubmitSettings settings = EmrConfig.load(environment, dir).forSubmit();

    assertThat(settings.job().database()).isEqualTo("appstore_dev");
    assertThat(settings.job().logUri()).as("a folder URI").isEqualTo("s3://logs-bucket/emr/");
    assertThat(settings.job().jobJarUri()).isEqualTo("s3://jars-bucket/curation.jar");
    assertThat(settings.job().executionTimeoutMinutes()).isEqualTo(600);
    assertThat(settings.aws().endpointOverride()).isEqualTo(URI.create("http://127.0.0.1:4566"));
  }

  @Test
  void missingSettingsNamedTogether() {
    assertThatThrownBy(() -> EmrConfig.load(Map.of("S3_BUCKET", "appstore-lake"), dir).forSubmit())
        .isInstanceOf(EmrException.class)
        .hasMessage(
            "Missing configuration: AWS_REGION, EMR_APPLICATION_ID, EMR_EXECUTION_ROLE_ARN (set them"
                + " in the environment or in .env)")
        .extracting(e -> ((EmrException) e).exitCode())
        .isEqualTo(EmrExitCodes.UNEXPECTED_STATE);
  }

  @Test
  void deployNeedsBucketAndRegionOnly() {
    EmrConfig.DeploySettings settings =
        EmrConfig.load(Map.of("S3_BUCKET", "appstore-lake", "AWS_REGION", "us-east-1"), dir)
            .forDeploy();

    assertThat(settings.lake()).isEqualTo(new S3Lake("appstore-lake", ""));
    assertThatThrownBy(() -> EmrConfig.load(Map.of(), dir).forDeploy())
        .isInstanceOf(EmrException.class)
        .hasMessage(
            "Missing configuration: S3_BUCKET, AWS_REGION (set them in the environment or in .env)");
  }

  @Test
  void dotEnvFillsGapsAndEnvironmentWins() throws IOException {
    Files.write(
        dir.resolve(".env"),
        List.of(
            "# AWS profile",
            "export S3_BUCKET=dotenv-bucket",
            "S3_PREFIX='from dotenv'",
            "EMR_APPLICATION_ID=00fdotenv # the prod application",
            "EMR_EXECUTION_ROLE_ARN=\"arn:aws:iam::111122223333:role/from-dotenv\"",
            "AWS_REGION=us-west-2"));
    Map<String, String> environment = Map.of("S3_PREFIX", "from-environment", "AWS_REGION", "");

    EmrConfig.SubmitSettings settings = EmrConfig.load(environment, dir).forSubmit();

    assertThat(settings.job().lake()).isEqualTo(new S3Lake("dotenv-bucket", "from-environment"));
    assertThat(settings.job().applicationId()).isEqualTo("00fdotenv");
    assertThat(settings.job().executionRoleArn())
        .isEqualTo("arn:aws:iam::111122223333:role/from-dotenv");
    assertThat(settings.aws().region())
        .as("an empty variable does not hide .env")
        .isEqualTo("us-west-2");
  }

  @Test
  void invalidDotEnvLineNamedByNumber() throws IOException {
    Files.write(dir.resolve(".env"), List.of("S3_BUCKET=b", "AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI"));

    assertThatThrownBy(() -> EmrConfig.load(Map.of(), dir))
        .isInstanceOf(EmrException.class)
        .hasMessage(
            "Invalid line 2 in " + dir.resolve(".env") + " (expected KEY=VALUE or a # comment)")
        .hasMessageNotContaining("wJalrXUtnFEMI");
  }

  @Test
  void invalidValuesRejected() {
    assertInvalid(
        "AWS_REGION",
        "Europe",
        "Invalid AWS_REGION: Europe (expected a region name such as us-east-1)");
    assertInvalid(
        "EMR_APPLICATION_ID",
        "00F-ABC",
        "Invalid EMR_APPLICATION_ID: 00F-ABC (expected 1 to 64 of 0-9 and a-z)");
    assertInvalid(
        "EMR_EXECUTION_ROLE_ARN",
        "appstore-etl-emr-job",
        "Invalid EMR_EXECUTION_ROLE_ARN: appstore-etl-emr-job (expected"
            + " arn:aws:iam::<12-digit account>:role/<name>)");
    assertInvalid(
        "GLUE_DB",
        "App-Store",
        "Invalid GLUE_DB: App-Store (expected lower-case letters, digits and _)");
    assertInvalid(
        "EMR_LOG_URI",
        "/var/log/emr",
        "Invalid EMR_LOG_URI: /var/log/emr/ (expected s3://bucket/key without whitespace)");
    assertInvalid(
        "EMR_EXECUTION_TIMEOUT_MINUTES",
        "2h",
        "Invalid EMR_EXECUTION_TIMEOUT_MINUTES: 2h (expected minutes)");
    assertInvalid(
        "EMR_EXECUTION_TIMEOUT_MINUTES",
        "20000",
        "Invalid EMR_EXECUTION_TIMEOUT_MINUTES: 20000 (expected 1 to 10080 minutes)");
  }

  @Test
  void endpointMustBeHttpsOrLoopback() {
    assertInvalid(
        "AWS_ENDPOINT_URL",
        "http://10.0.0.5:9000",
        "Invalid AWS_ENDPOINT_URL: http://10.0.0.5:9000 (expected https://host[:port], or"
            + " http://<loopback address>:port)");
    assertInvalid(
        "AWS_ENDPOINT_URL",
        "http://cafe:9000",
        "Invalid AWS_ENDPOINT_URL: http://cafe:9000 (expected https://host[:port], or"
            + " http://<loopback address>:port)");
    for (String accepted :
        List.of(
            "https://emr-serverless.example.com",
            "http://localhost:4566",
            "http://[::1]:9000",
            "http://127.0.0.2:9000")) {
      Map<String, String> environment = submitEnvironment();
      environment.put("AWS_ENDPOINT_URL", accepted);
      assertThat(EmrConfig.load(environment, dir).forSubmit().aws().endpointOverride())
          .isEqualTo(URI.create(accepted));
    }
  }

  @Test
  void credentialsNeedBothKeys() {
    assertInvalid(
        "AWS_ACCESS_KEY_ID",
        "AKIDEXAMPLE",
        "Invalid AWS credentials: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither"
            + " to use the SDK's default credentials chain");
  }

  @Test
  void settingsHideSecrets() {
    Map<String, String> environment = submitEnvironment();
    environment.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    environment.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI");
    environment.put("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEXAMPLE");

    AwsSettings aws = EmrConfig.load(environment, dir).forSubmit().aws();

    assertThat(aws.secretAccessKey()).isEqualTo("wJalrXUtnFEMI");
    assertThat(aws.toString())
        .contains("AKIDEXAMPLE")
        .doesNotContain("wJalrXUtnFEMI")
        .doesNotContain("FwoGZXIvYXdzEXAMPLE");
  }

  private void assertInvalid(String name, String value, String message) {
    Map<String, String> environment = submitEnvironment();
    environment.put(name, value);

    assertThatThrownBy(() -> EmrConfig.load(environment, dir).forSubmit())
        .as(name + "=" + value)
        .isInstanceOf(EmrException.class)
        .hasMessage(message)
        .extracting(e -> ((EmrException) e).exitCode())
        .isEqualTo(EmrExitCodes.UNEXPECTED_STATE);
  }
}
