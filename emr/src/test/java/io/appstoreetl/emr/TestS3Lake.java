package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestS3Lake {

  @Test
  void layoutUnderPrefix() {
    S3Lake lake = new S3Lake("appstore-lake", "/prod/appstore/");

    assertThat(lake.prefix()).isEqualTo("prod/appstore");
    assertThat(lake.rawRoot()).isEqualTo("s3://appstore-lake/prod/appstore/raw");
    assertThat(lake.warehouse()).isEqualTo("s3://appstore-lake/prod/appstore/warehouse/");
    assertThat(lake.jarsFolder()).isEqualTo("s3://appstore-lake/prod/appstore/jars/");
    assertThat(lake.emrLogs()).isEqualTo("s3://appstore-lake/prod/appstore/emr-logs/");
    assertThat(lake.key("jars/job.jar")).isEqualTo("prod/appstore/jars/job.jar");
  }

  @Test
  void layoutWithoutPrefix() {
    S3Lake lake = new S3Lake("appstore-lake", "");

    assertThat(lake.rawRoot()).isEqualTo("s3://appstore-lake/raw");
    assertThat(lake.warehouse()).isEqualTo("s3://appstore-lake/warehouse/");
    assertThat(lake.key("jars/job.jar")).isEqualTo("jars/job.jar");
  }

  @Test
  void invalidBucketRejected() {
    assertThatThrownBy(() -> new S3Lake("Appstore_Lake", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid S3_BUCKET: Appstore_Lake (expected an S3 bucket name: 3 to 63 lower-case"
                + " letters, digits, dots and hyphens)");
  }

  @Test
  void invalidPrefixRejected() {
    for (String prefix : new String[] {"a//b", "a/../b", "a b", "a/./b", "a?b"}) {
      assertThatThrownBy(() -> new S3Lake("appstore-lake", prefix))
          .as(prefix)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Invalid S3_PREFIX: " + prefix + " (expected segments");
    }
  }
}
