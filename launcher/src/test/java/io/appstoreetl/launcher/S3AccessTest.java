package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.appstoreetl.emr.S3Lake;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3AccessTest {

  private static final Map<String, String> SETTINGS =
      Map.of(
          "AWS_REGION", "eu-west-1",
          "S3_ENDPOINT_URL", "http://127.0.0.1:9000",
          "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
          "AWS_SECRET_ACCESS_KEY", "secret-example");

  @Test
  void environmentCarriesCredentials() {
    S3Access access = S3Access.from(SETTINGS);

    assertThat(access.environment())
        .containsOnly(
            entry("AWS_REGION", "eu-west-1"),
            entry("S3_ENDPOINT_URL", "http://127.0.0.1:9000"),
            entry("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            entry("AWS_SECRET_ACCESS_KEY", "secret-example"),
            entry("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED"),
            entry("AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED"));
    assertThat(access.toString()).doesNotContain("secret-example");
  }

  @Test
  void sparkConfOfS3LakeHasNoSecret() {
    Lake lake =
        new Lake(
            Path.of("/data/lake"), new S3Lake("appstore-lake", "dev"), S3Access.from(SETTINGS));

    Map<String, String> conf = SparkJobRunner.s3Conf(lake);

    assertThat(conf)
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.sql.catalog.lake.uri", "jdbc:sqlite:/data/lake/catalog.db")
        .containsEntry("spark.sql.catalog.lake.warehouse", "s3://appstore-lake/dev/warehouse/")
        .containsEntry("spark.sql.catalog.lake.s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.sql.catalog.lake.client.region", "eu-west-1");
    assertThat(conf.values()).noneMatch(value -> value.contains("secret-example"));
    assertThat(SparkJobRunner.catalogArguments(lake))
        .containsExactly("--catalog-name", "lake", "--database", "appstore");
    assertThat(lake.extractorRawRoot()).isEqualTo("s3://appstore-lake/dev/raw");
    assertThat(lake.sparkRawRoot()).isEqualTo("s3a://appstore-lake/dev/raw");
  }

  @Test
  void localLakeHasNoS3Conf() {
    Lake lake = new Lake(Path.of("/data/lake"));

    assertThat(SparkJobRunner.s3Conf(lake)).isEmpty();
    assertThat(lake.sparkRawRoot()).isEqualTo("file:///data/lake/raw");
  }

  @Test
  void missingRegionIsNamed() {
    assertThatThrownBy(() -> S3Access.from(Map.of("S3_BUCKET", "appstore-lake")))
        .isInstanceOf(LauncherException.class)
        .hasMessage(
            "Missing AWS_REGION (needed for S3; set it in the environment or the env file)");
    assertThatThrownBy(
            () -> S3Access.from(Map.of("AWS_REGION", "us-east-1", "S3_ENDPOINT_URL", "127.0.0.1")))
        .isInstanceOf(LauncherException.class)
        .hasMessageStartingWith("Invalid S3_ENDPOINT_URL: 127.0.0.1 (expected http://host:port");
  }

  @Test
  void s3UriBecomesS3aLocally() {
    assertThat(S3Access.forLocalSpark("s3://old-bucket/exports"))
        .isEqualTo("s3a://old-bucket/exports");
    assertThat(S3Access.forLocalSpark("s3a://old-bucket/exports"))
        .isEqualTo("s3a://old-bucket/exports");
    assertThat(S3Access.forLocalSpark("/data/old")).isEqualTo("/data/old");
    assertThat(List.of("s3://b/p", "S3A://b/p")).allMatch(S3Access::isS3);
    assertThat(S3Access.isS3("/data/s3")).isFalse();
  }
}
