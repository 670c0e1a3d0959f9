package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The streamed segment for memory benchmarks, at a size a unit test can afford. */
class HugeSegmentTest {

  private static final long SIZE = 8L * 1024 * 1024;

  @Test
  void streamedSegmentMatchesItsListing() throws Exception {
    try (SandboxFixture sandbox =
        SandboxFixture.start(
            SandboxFixture.defaults()
                .hugeSegmentBytes(SIZE)
                .hugeSegmentAppId("1000000002")
                .hugeSegmentReport("App Store Discovery and Engagement Standard"))) {
      List<JsonNode> instances =
          sandbox.instances(
              sandbox.reportId("1000000002", "App Store Discovery and Engagement Standard"));
      JsonNode latest = segments(sandbox, instances.get(instances.size() - 1));
      JsonNode previous = segments(sandbox, instances.get(instances.size() - 2));
      JsonNode huge = latest.path("data").get(latest.path("data").size() - 1).path("attributes");

      assertThat(latest.path("data").size()).isEqualTo(previous.path("data").size() + 1);
      assertThat(huge.path("sizeInBytes").asLong()).isBetween(SIZE - 1024, SIZE + 1024);

      HttpResponse<InputStream> download = stream(huge.path("url").asText());
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      long compressed;
      long lines = 0;
      long textBytes = 0;
      String header;
      CountingInputStream counted =
          new CountingInputStream(new DigestInputStream(download.body(), md5));
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(counted, 65536), StandardCharsets.UTF_8))) {
        header = reader.readLine();
        String line;
        while ((line = reader.readLine()) != null) {
          assertThat(line.split("\t", -1)).hasSize(12);
          textBytes += line.length() + 1;
          lines++;
        }
        compressed = counted.count;
      }

      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.headers().firstValueAsLong("Content-Length"))
          .hasValue(huge.path("sizeInBytes").asLong());
      assertThat(compressed).isEqualTo(huge.path("sizeInBytes").asLong());
      assertThat(HexFormat.of().formatHex(md5.digest())).isEqualTo(huge.path("checksum").asText());
      assertThat(header).startsWith("Date\tApp Name\tApp Apple Identifier\tEvent\t");
      assertThat(lines).isGreaterThan(50_000);
      assertThat((double) textBytes / compressed).as("stored, not compressed").isLessThan(1.01);
    }
  }

  @Test
  void equalSettingsStreamEqualBytes() {
    String first;
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().hugeSegmentBytes(1024 * 1024))) {
      first = hugeChecksum(sandbox);
    }
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().hugeSegmentBytes(1024 * 1024))) {
      assertThat(hugeChecksum(sandbox)).isEqualTo(first);
    }
  }

  private static String hugeChecksum(SandboxFixture sandbox) {
    JsonNode segments =
        segments(sandbox, SegmentDownloadTest.latestInstance(sandbox, "App Downloads Standard"));
    JsonNode last = segments.path("data").get(segments.path("data").size() - 1);
    return last.path("attributes").path("checksum").asText();
  }

  private static JsonNode segments(SandboxFixture sandbox, JsonNode instance) {
    return sandbox.getJson(
        "/v1/analyticsReportInstances/" + instance.path("id").asText() + "/segments");
  }

  private static HttpResponse<InputStream> stream(String url)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Counts the bytes read through it. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private long count;

    CountingInputStream(InputStream input) {
      super(input);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
