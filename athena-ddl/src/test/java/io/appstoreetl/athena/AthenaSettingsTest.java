package io.appstoreetl.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AthenaSettingsTest {

  @TempDir Path workingDirectory;

  @Test
  void defaultsAndWarehouseWithoutPrefix() {
    AthenaSettings settings =
        AthenaSettings.load(
            Map.of(
                "S3_BUCKET", "lake-bucket",
                "ATHENA_OUTPUT", "s3://results/",
                "AWS_REGION", "us-east-1"),
            workingDirectory);

    assertThat(settings.database()).isEqualTo("appstore");
    assertThat(settings.workgroup()).isEqualTo("primary");
    assertThat(settings.warehouse()).isEqualTo("s3://lake-bucket/warehouse");
    assertThat(settings.endpointOverride()).isNull();
  }

  @Test
  void dotEnvFillsWhatEnvironmentLacks() throws IOException {
    Files.writeString(
        workingDirectory.resolve(".env"),
        "# AWS settings\nS3_BUCKET=dotenv-bucket\nexport S3_PREFIX=\"a/b\"\nGLUE_DB=from_file\n");

    AthenaSettings settings =
        AthenaSettings.load(
            Map.of(
                "GLUE_DB", "from_env",
                "ATHENA_OUTPUT", "s3://results/",
                "AWS_REGION", "us-east-1"),
            workingDirectory);

    assertThat(settings.database()).isEqualTo("from_env");
    assertThat(settings.warehouse()).isEqualTo("s3://dotenv-bucket/a/b/warehouse");
  }

  @Test
  void quotedDatabaseNameIsRejected() {
    assertThatThrownBy(
            () ->
                AthenaSettings.load(
                    Map.of(
                        "GLUE_DB", "App-Store",
                        "S3_BUCKET", "lake-bucket",
                        "ATHENA_OUTPUT", "s3://results/",
                        "AWS_REGION", "us-east-1"),
                    workingDirectory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid GLUE_DB: App-Store (expected lowercase letters, digits and _, not starting"
                + " with a digit)");
  }

  @Test
  void outputLocationMustBeS3() {
    assertThatThrownBy(
            () ->
                AthenaSettings.load(
                    Map.of(
                        "S3_BUCKET", "lake-bucket",
                        "ATHENA_OUTPUT", "results/",
                        "AWS_REGION", "us-east-1"),
                    workingDirectory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid ATHENA_OUTPUT: results/ (expected an s3:// URI such as"
                + " s3://my-bucket/athena-results/)");
  }

  @Test
  void toStringLeavesOutCredentials() {
    AthenaSettings settings =
        AthenaSettings.load(
            Map.of(
                "S3_BUCKET", "lake-bucket",
                "ATHENA_OUTPUT", "s3://results/",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "key-id-value",
                "AWS_SECRET_ACCESS_KEY", "secret-value"),
            workingDirectory);

    assertThat(settings.toString()).doesNotContain("key-id-value").doesNotContain("secret-value");
  }
}
