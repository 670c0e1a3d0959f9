package io.appstoreetl.extractor.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.extractor.testing.TestSupport;
import io.appstoreetl.testsupport.S3ProxyExtension;
import io.appstoreetl.testsupport.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The raw zone on S3Proxy, a real S3 API server started as its own process. */
@ExtendWith(S3ProxyExtension.class)
class TestS3RawStore {

  private static final int PART_SIZE = S3RawSettings.MIN_PART_SIZE_BYTES;

  /** Each test writes under its own prefix, so that the tests share one bucket. */
  private final String prefix = "tests/" + UUID.randomUUID() + "/raw";

  @Test
  void largeSegmentStreamsInParts() throws Exception {
    byte[] segment = new byte[2 * PART_SIZE + 123_457];
    new Random(7).nextBytes(segment);
    String key = "source=analytics/unit/segment=a.attempt=1.gz";

    try (RawZone zone = zone()) {
      Checksums.Copied copied;
      S3UploadStream upload = (S3UploadStream) zone.createNew(key);
      try (OutputStream out = upload) {
        copied = Checksums.copy(new ByteArrayInputStream(segment), out);
      }

      assertThat(upload.partCount()).as("multipart upload parts").isEqualTo(3);
      assertThat(copied.sizeBytes()).isEqualTo(segment.length);
      assertThat(copied.md5()).isEqualTo(md5(segment));
      try (S3Client s3 = S3ProxyExtension.client()) {
        byte[] stored =
            s3.getObjectAsBytes(
                    request -> request.bucket(S3ProxyExtension.BUCKET).key(prefix + "/" + key))
                .asByteArray();
        assertThat(stored).hasSize(segment.length);
        assertThat(md5(stored)).as("MD5 of the stored object").isEqualTo(md5(segment));
      }
      try (InputStream in = zone.open(key)) {
        assertThat(md5(in.readAllBytes())).as("MD5 read back").isEqualTo(copied.md5());
      }
    }
  }

  @Test
  void smallFileIsOnePut() throws Exception {
    byte[] report = "Date\tCounts\n2025-01-09\t3\n".getBytes(StandardCharsets.UTF_8);
    try (RawZone zone = zone()) {
      S3UploadStream upload = (S3UploadStream) zone.createNew("u/report.attempt=1.gz");
      try (OutputStream out = upload) {
        out.write(report);
      }

      assertThat(upload.partCount()).isZero();
      assertThat(zone.readIfExists("u/report.attempt=1.gz")).contains(report);
    }
  }

  @Test
  void createNewNeverOverwrites() throws Exception {
    try (RawZone zone = zone()) {
      try (OutputStream out = zone.createNew("u/segment=a.attempt=1.gz")) {
        out.write(1);
      }

      assertThatThrownBy(() -> zone.createNew("u/segment=a.attempt=1.gz"))
          .isInstanceOf(FileAlreadyExistsException.class)
          .hasMessageContaining("s3://" + S3ProxyExtension.BUCKET + "/" + prefix + "/u/segment=a");
    }
  }

  @Test
  void publishedUnitIsFoundByPrefix() throws Exception {
    String unit = "source=sales/report=sales_summary/granularity=DAILY/report_date=2025-01-09/";
    try (RawZone zone = zone()) {
      assertThat(zone.listFolders(unit)).isEmpty();
      assertThat(zone.exists(unit + "landing=b/" + RawKeys.MANIFEST)).isFalse();
      assertThat(zone.readIfExists(unit + "landing=b/" + RawKeys.MANIFEST)).isEmpty();
      assertThatThrownBy(() -> zone.open(unit + "landing=b/" + RawKeys.MANIFEST))
          .isInstanceOf(NoSuchFileException.class);

      try (OutputStream out = zone.createNew(unit + "landing=a/report.attempt=1.gz")) {
        out.write(2);
      }
      zone.publishUnit(
          unit + "landing=b/",
          List.of(LocalDate.of(2025, 1, 9)),
          TestSupport.MAPPER.createObjectNode().put("status", "complete"));

      assertThat(zone.listFolders(unit)).containsExactly("landing=a", "landing=b");
      assertThat(zone.exists(unit + "landing=a/" + RawKeys.MANIFEST)).isFalse();
      assertThat(zone.exists(unit + "landing=b/" + RawKeys.MANIFEST)).isTrue();
      assertThat(zone.listFolders("index/")).containsExactly("metric_date=2025-01-09");
    }

    try (S3Client s3 = S3ProxyExtension.client()) {
      List<String> keys =
          s3
              .listObjectsV2(request -> request.bucket(S3ProxyExtension.BUCKET).prefix(prefix))
              .contents()
              .stream()
              .map(S3Object::key)
              .map(key -> key.substring(prefix.length() + 1))
              .sorted()
              .toList();
      assertThat(keys)
          .containsExactly(
              RawKeys.indexEntry("2025-01-09", unit + "landing=b/"),
              unit + "landing=a/report.attempt=1.gz",
              unit + "landing=b/manifest.json");
    }
  }

  private RawZone zone() {
    S3RawSettings settings =
        new S3RawSettings(
            S3ProxyExtension.BUCKET,
            prefix,
            S3ProxyServer.REGION,
            S3ProxyExtension.endpoint(),
            PART_SIZE,
            S3ProxyServer.ACCESS_KEY_ID,
            S3ProxyServer.SECRET_ACCESS_KEY,
            null);
    return new RawLocation(null, settings).open(TestSupport.MAPPER);
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
