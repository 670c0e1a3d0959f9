package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentDownloadTest {

  private static final String EXPIRED_BODY =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";

  @Test
  void checksumAndSizeMatchTheListing() throws Exception {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      for (String report :
          List.of("App Downloads Standard", "App Store Discovery and Engagement Standard")) {
        JsonNode instance = latestInstance(sandbox, report);
        JsonNode segments =
            sandbox.getJson(
                "/v1/analyticsReportInstances/" + instance.path("id").asText() + "/segments");

        for (JsonNode segment : segments.path("data")) {
          JsonNode attributes = segment.path("attributes");
          HttpResponse<byte[]> file = sandbox.download(attributes.path("url").asText());

          assertThat(file.statusCode()).isEqualTo(200);
          assertThat(file.body()).hasSize(attributes.path("sizeInBytes").asInt());
          assertThat(md5(file.body())).isEqualTo(attributes.path("checksum").asText());
          assertThat(attributes.path("checksum").asText()).matches("[0-9a-f]{32}");
          assertThat(segment.path("type").asText()).isEqualTo("analyticsReportSegments");
        }
      }
    }
  }

  @Test
  void largeInstanceIsSplitIntoSegmentsWithHeaders() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode instance = latestInstance(sandbox, "App Store Discovery and Engagement Standard");
      JsonNode segments =
          sandbox.getJson(
              "/v1/analyticsReportInstances/" + instance.path("id").asText() + "/segments");

      // 3 metric dates of 450 rows each, about 1,350 rows, at most 400 per segment.
      assertThat(segments.path("data").size()).isEqualTo(4);
      int rows = 0;
      for (JsonNode segment : segments.path("data")) {
        String text =
            SandboxFixture.gunzip(
                sandbox.download(segment.path("attributes").path("url").asText()).body());
        assertThat(text).startsWith("Date\tApp Name\tApp Apple Identifier\tEvent\t");
        List<Map<String, String>> parsed = SandboxFixture.parseTsv(text);
        assertThat(parsed.size()).isBetween(1, 400);
        rows += parsed.size();
      }
      assertThat(rows).isBetween(1300, 1400);
    }
  }

  @Test
  void expiredUrlGets403AccessDenied() {
    MutableClock clock = new MutableClock(Instant.now());
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults().clock(clock))) {
      String url = firstSegmentUrl(sandbox);
      assertThat(url).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
      assertThat(sandbox.download(url).statusCode()).isEqualTo(200);

      clock.advance(Duration.ofMinutes(5).plusSeconds(2));
      HttpResponse<byte[]> expired = sandbox.download(url);

      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.headers().firstValue("Content-Type")).hasValue("application/xml");
      assertThat(SandboxFixture.text(expired)).isEqualTo(EXPIRED_BODY);
      assertThat(sandbox.download(firstSegmentUrl(sandbox)).statusCode())
          .as("listing the segments again gives fresh URLs")
          .isEqualTo(200);
    }
  }

  @Test
  void tamperedUrlGets403() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String url = firstSegmentUrl(sandbox);

      HttpResponse<byte[]> longer =
          sandbox.download(url.replace("X-Amz-Expires=300", "X-Amz-Expires=3000"));
      HttpResponse<byte[]> otherFile = sandbox.download(url.replace("/0.csv.gz", "/1.csv.gz"));
      HttpResponse<byte[]> unsigned = sandbox.download(url.substring(0, url.indexOf('?')));

      for (HttpResponse<byte[]> response : List.of(longer, otherFile, unsigned)) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(SandboxFixture.text(response)).contains("<Code>AccessDenied</Code>");
      }
    }
  }

  @Test
  void configuredCorruptionBreaksTheFirstDownloadOnly() throws Exception {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().corruptFirstDownloadsPerSegment(1))) {
      JsonNode segment = firstSegment(sandbox);
      String url = segment.path("attributes").path("url").asText();
      String checksum = segment.path("attributes").path("checksum").asText();

      byte[] first = sandbox.download(url).body();
      byte[] second = sandbox.download(url).body();

      assertThat(first).hasSize(segment.path("attributes").path("sizeInBytes").asInt());
      assertThat(md5(first)).isNotEqualTo(checksum);
      assertThat(md5(second)).isEqualTo(checksum);
    }
  }

  @Test
  void corruptNextDownloadsAffectsOnlyThatSegment() throws Exception {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode segments = segmentsOfLatest(sandbox, "App Store Discovery and Engagement Standard");
      JsonNode target = segments.path("data").get(0);
      JsonNode other = segments.path("data").get(1);
      sandbox.server.corruptNextDownloads(target.path("id").asText(), 2);

      String targetUrl = target.path("attributes").path("url").asText();
      String targetChecksum = target.path("attributes").path("checksum").asText();
      String otherUrl = other.path("attributes").path("url").asText();

      assertThat(md5(sandbox.download(otherUrl).body()))
          .isEqualTo(other.path("attributes").path("checksum").asText());
      assertThat(md5(sandbox.download(targetUrl).body())).isNotEqualTo(targetChecksum);
      assertThat(md5(sandbox.download(targetUrl).body())).isNotEqualTo(targetChecksum);
      assertThat(md5(sandbox.download(targetUrl).body())).isEqualTo(targetChecksum);
    }
  }

  @Test
  void segmentBytesAreTheSameAcrossServers() {
    String firstChecksum;
    String firstId;
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode segment = firstSegment(sandbox);
      firstChecksum = segment.path("attributes").path("checksum").asText();
      firstId = segment.path("id").asText();
    }
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode segment = firstSegment(sandbox);

      assertThat(segment.path("attributes").path("checksum").asText()).isEqualTo(firstChecksum);
      assertThat(segment.path("id").asText()).isEqualTo(firstId);
    }
  }

  static JsonNode latestInstance(SandboxFixture sandbox, String report) {
    List<JsonNode> instances = sandbox.instances(sandbox.reportId("1000000001", report));
    return instances.get(instances.size() - 1);
  }

  private static JsonNode segmentsOfLatest(SandboxFixture sandbox, String report) {
    return sandbox.getJson(
        "/v1/analyticsReportInstances/"
            + latestInstance(sandbox, report).path("id").asText()
            + "/segments");
  }

  private static JsonNode firstSegment(SandboxFixture sandbox) {
    return segmentsOfLatest(sandbox, "App Downloads Standard").path("data").get(0);
  }

  private static String firstSegmentUrl(SandboxFixture sandbox) {
    return firstSegment(sandbox).path("attributes").path("url").asText();
  }

  static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
