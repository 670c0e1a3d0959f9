package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** One test per fault switch, driven through {@link SandboxFaults}. */
class FaultSwitchesTest {

  private static final String UNAUTHORIZED_BODY =
      "{\"errors\":[{\"status\":\"401\",\"code\":\"NOT_AUTHORIZED\","
          + "\"title\":\"Authentication credentials are missing or invalid.\","
          + "\"detail\":\"Provide a properly configured and signed bearer token, and make sure"
          + " that it has not expired. Learn more about Generating Tokens for API Requests"
          + " https://developer.apple.com/go/?id=api-generating-tokens\"}]}";

  private static final String SALES =
      "/v1/salesReports?filter[frequency]=DAILY&filter[reportType]=SALES"
          + "&filter[reportSubType]=SUMMARY&filter[vendorNumber]=80000001&filter[version]=1_0"
          + "&filter[reportDate]=";

  @Test
  void unauthorizedInMidRun() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(200);

      sandbox.server.faults().rejectNextTokens(2);
      HttpResponse<byte[]> first = sandbox.get("/v1/apps");
      HttpResponse<byte[]> second = sandbox.get("/v1/apps");
      HttpResponse<byte[]> third = sandbox.get("/v1/apps");

      assertThat(first.statusCode()).isEqualTo(401);
      assertThat(SandboxFixture.text(first)).isEqualTo(UNAUTHORIZED_BODY);
      assertThat(second.statusCode()).isEqualTo(401);
      assertThat(third.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void conflictOnCreate() {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().ongoingRequestsAtStart(false))) {
      sandbox.server.faults().conflictNextCreates(1);

      HttpResponse<byte[]> conflict =
          sandbox.post(
              "/v1/analyticsReportRequests", SandboxFixture.createBody("ONGOING", "1000000001"));
      JsonNode listed = sandbox.getJson("/v1/apps/1000000001/analyticsReportRequests");
      HttpResponse<byte[]> created =
          sandbox.post(
              "/v1/analyticsReportRequests", SandboxFixture.createBody("ONGOING", "1000000001"));

      assertThat(conflict.statusCode()).isEqualTo(409);
      assertThat(SandboxFixture.json(conflict).path("errors").get(0).path("detail").asText())
          .isEqualTo("You already have such an entity");
      assertThat(listed.path("data").size()).as("no request behind the 409").isZero();
      assertThat(created.statusCode()).isEqualTo(201);
    }
  }

  @Test
  void throttleWithoutRetryAfter() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().throttleNextApiCalls(1, RetryAfterFormat.NONE, Duration.ofSeconds(5));

      HttpResponse<byte[]> limited = sandbox.get("/v1/apps");

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
      assertThat(limited.headers().firstValue("X-Rate-Limit")).isPresent();
      assertThat(SandboxFixture.json(limited).path("errors").get(0).path("code").asText())
          .isEqualTo("RATE_LIMIT_EXCEEDED");
      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void throttleWithRetryAfterInSeconds() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox
          .server
          .faults()
          .throttleNextApiCalls(2, RetryAfterFormat.SECONDS, Duration.ofSeconds(30));

      HttpResponse<byte[]> first = sandbox.get("/v1/apps");
      HttpResponse<byte[]> second = sandbox.get("/v1/apps");

      assertThat(first.statusCode()).isEqualTo(429);
      assertThat(first.headers().firstValue("Retry-After")).hasValue("30");
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void throttleWithRetryAfterInEpochMillis() {
    MutableClock clock = new MutableClock(Instant.parse("2025-01-20T10:00:00Z"));
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults().clock(clock))) {
      sandbox
          .server
          .faults()
          .throttleNextApiCalls(1, RetryAfterFormat.EPOCH_MILLIS, Duration.ofSeconds(30));

      HttpResponse<byte[]> limited = sandbox.get("/v1/apps");

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After"))
          .hasValue(Long.toString(Instant.parse("2025-01-20T10:00:30Z").toEpochMilli()));
    }
  }

  @Test
  void burstOfServerErrors() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().failNextApiCalls(3, 503);
      List<HttpResponse<byte[]>> burst =
          List.of(sandbox.get("/v1/apps"), sandbox.get("/v1/apps"), sandbox.get("/v1/apps"));
      sandbox.server.faults().failNextApiCalls(1, 500);
      HttpResponse<byte[]> json = sandbox.get("/v1/apps");
      HttpResponse<byte[]> recovered = sandbox.get("/v1/apps");

      for (HttpResponse<byte[]> response : burst) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValue("text/html; charset=utf-8");
      }
      assertThat(json.statusCode()).isEqualTo(500);
      assertThat(SandboxFixture.json(json).path("errors").get(0).path("code").asText())
          .isEqualTo("UNEXPECTED_ERROR");
      assertThat(recovered.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> sandbox.server.faults().failNextApiCalls(1, 418))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Invalid status: 418 (expected 500, 502, 503 or 504)");
    }
  }

  @Test
  void slowResponsesAddTheDelay() {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().apiResponseDelay(Duration.ofMillis(100)))) {
      long started = System.nanoTime();
      HttpResponse<byte[]> slow = sandbox.get("/v1/apps");
      long slowMillis = (System.nanoTime() - started) / 1_000_000;

      sandbox.server.faults().apiResponseDelay(Duration.ZERO);
      started = System.nanoTime();
      sandbox.get("/v1/apps");
      long fastMillis = (System.nanoTime() - started) / 1_000_000;

      assertThat(slow.statusCode()).isEqualTo(200);
      assertThat(slowMillis).isGreaterThanOrEqualTo(100);
      assertThat(fastMillis).isLessThan(slowMillis);
    }
  }

  @Test
  void expiredDownloadUrls() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String instance = latestDownloadsInstance(sandbox);
      sandbox.server.faults().expireNextDownloadUrls(1);

      String expiredUrl = firstSegment(sandbox, instance).path("attributes").path("url").asText();
      HttpResponse<byte[]> expired = sandbox.download(expiredUrl);
      String freshUrl = firstSegment(sandbox, instance).path("attributes").path("url").asText();

      assertThat(expiredUrl).contains("X-Amz-Expires=1");
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(SandboxFixture.text(expired)).contains("<Message>Request has expired</Message>");
      assertThat(sandbox.download(freshUrl).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void checksumMismatchOnAnySegment() throws Exception {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode segment = firstSegment(sandbox, latestDownloadsInstance(sandbox));
      String url = segment.path("attributes").path("url").asText();
      sandbox.server.faults().corruptNextDownloads(1);

      byte[] corrupted = sandbox.download(url).body();
      byte[] intact = sandbox.download(url).body();

      assertThat(corrupted).hasSize(segment.path("attributes").path("sizeInBytes").asInt());
      assertThat(SegmentDownloadTest.md5(corrupted))
          .isNotEqualTo(segment.path("attributes").path("checksum").asText());
      assertThat(SegmentDownloadTest.md5(intact))
          .isEqualTo(segment.path("attributes").path("checksum").asText());
    }
  }

  @Test
  void truncatedGzipMatchesItsAnnouncedChecksum() throws Exception {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String instance = latestDownloadsInstance(sandbox);
      JsonNode intact = firstSegment(sandbox, instance);
      sandbox.server.faults().truncateNextSegments(1);

      JsonNode truncated = firstSegment(sandbox, instance);
      byte[] bytes = sandbox.download(truncated.path("attributes").path("url").asText()).body();
      JsonNode relisted = firstSegment(sandbox, instance);

      assertThat(bytes).hasSize(truncated.path("attributes").path("sizeInBytes").asInt());
      assertThat(SegmentDownloadTest.md5(bytes))
          .isEqualTo(truncated.path("attributes").path("checksum").asText());
      assertThat(bytes.length).isLessThan(intact.path("attributes").path("sizeInBytes").asInt());
      assertThat(bytes[0]).isEqualTo((byte) 0x1f);
      assertThatThrownBy(() -> SandboxFixture.gunzip(bytes)).hasCauseInstanceOf(EOFException.class);
      assertThat(relisted.path("attributes").path("checksum").asText())
          .isEqualTo(intact.path("attributes").path("checksum").asText());
    }
  }

  @Test
  void htmlPageInPlaceOfFile() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode segment = firstSegment(sandbox, latestDownloadsInstance(sandbox));
      sandbox.server.faults().serveHtmlForNextDownloads(1);

      HttpResponse<byte[]> page = sandbox.download(segment.path("attributes").path("url").asText());
      HttpResponse<byte[]> file = sandbox.download(segment.path("attributes").path("url").asText());

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(SandboxFixture.text(page)).startsWith("<!DOCTYPE html>");
      assertThat(page.body().length)
          .isNotEqualTo(segment.path("attributes").path("sizeInBytes").asInt());
      assertThat(file.body()[0]).isEqualTo((byte) 0x1f);
    }
  }

  @Test
  void multiMemberGzipSegments() throws Exception {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().multiMemberGzip(true))) {
      String instance = latestDownloadsInstance(sandbox);
      JsonNode segment = firstSegment(sandbox, instance);
      byte[] bytes = sandbox.download(segment.path("attributes").path("url").asText()).body();
      sandbox.server.faults().multiMemberGzip(false);
      byte[] single =
          sandbox
              .download(firstSegment(sandbox, instance).path("attributes").path("url").asText())
              .body();

      assertThat(SegmentDownloadTest.md5(bytes))
          .isEqualTo(segment.path("attributes").path("checksum").asText());
      assertThat(gzipMembers(bytes)).hasSize(3);
      assertThat(gzipMembers(single)).hasSize(1);
      assertThat(SandboxFixture.gunzip(bytes)).isEqualTo(SandboxFixture.gunzip(single));
      assertThat(gzipMembers(bytes).get(0).split("\n").length)
          .as("the first member contains the header and a third of the rows")
          .isLessThan(SandboxFixture.gunzip(single).split("\n").length / 2);
    }
  }

  @Test
  void malformedJson() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().malformNextJsonResponses(1);

      HttpResponse<byte[]> broken = sandbox.get("/v1/apps");

      assertThat(broken.statusCode()).isEqualTo(200);
      assertThat(broken.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThatThrownBy(() -> SandboxFixture.json(broken))
          .hasMessageStartingWith("Response is not JSON");
      assertThat(sandbox.getJson("/v1/apps").path("data").size()).isEqualTo(3);
    }
  }

  @Test
  void jsonMissingRequiredData() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().dropDataFromNextJsonResponses(1);

      JsonNode document = sandbox.getJson("/v1/apps");

      assertThat(document.has("data")).isFalse();
      assertThat(document.path("links").path("self").asText()).endsWith("/v1/apps");
      assertThat(sandbox.getJson("/v1/apps").has("data")).isTrue();
    }
  }

  @Test
  void wrongContentType() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().mislabelNextJsonResponses(1);

      HttpResponse<byte[]> mislabelled = sandbox.get("/v1/apps");

      assertThat(mislabelled.headers().firstValue("Content-Type"))
          .hasValue("text/plain; charset=utf-8");
      assertThat(SandboxFixture.json(mislabelled).path("data").size()).isEqualTo(3);
    }
  }

  @Test
  void loopingNextLink() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().loopingNextLinks(true);
      String first = sandbox.server.baseUrl() + "/v1/apps?limit=2";

      JsonNode page1 = sandbox.getJson(first);
      JsonNode again = sandbox.getJson(page1.path("links").path("next").asText());

      assertThat(page1.path("links").path("next").asText()).isEqualTo(first);
      assertThat(again.path("data")).isEqualTo(page1.path("data"));
      assertThat(again.path("links").path("next").asText()).isEqualTo(first);
    }
  }

  @Test
  void pageOfAHundredThousandItems() throws IOException {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().serveHugeNextPages(1, 100_000);

      HttpResponse<byte[]> huge = sandbox.get("/v1/apps?limit=2");
      int items = 0;
      String lastId = null;
      try (JsonParser parser = SandboxFixture.MAPPER.createParser(huge.body())) {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.getCurrentName();
          parser.nextToken();
          if (field.equals("data")) {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              JsonNode item = SandboxFixture.MAPPER.readTree(parser);
              lastId = item.path("id").asText();
              items++;
            }
          } else {
            parser.skipChildren();
          }
        }
      }

      assertThat(huge.statusCode()).isEqualTo(200);
      assertThat(items).isEqualTo(100_000);
      assertThat(lastId).isEqualTo("1000000001-copy-99998");
      assertThat(sandbox.getJson("/v1/apps?limit=2").path("data").size()).isEqualTo(2);
    }
  }

  @Test
  void stalledApiCallNeverAnswers() throws Exception {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().stallNextApiCalls(1);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(sandbox.server.baseUrl() + "/v1/apps"))
              .header("Authorization", "Bearer " + sandbox.token())
              .timeout(Duration.ofMillis(500))
              .build();

      assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()))
          .isInstanceOf(HttpTimeoutException.class);
      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(200);
      assertThat(sandbox.server.apiCallCount()).isEqualTo(2);
    }
  }

  @Test
  void stalledDownloadNeverAnswers() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String url =
          firstSegment(sandbox, latestDownloadsInstance(sandbox))
              .path("attributes")
              .path("url")
              .asText();
      sandbox.server.faults().stallNextDownloads(1);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(500)).build();

      assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()))
          .isInstanceOf(HttpTimeoutException.class);
      assertThat(sandbox.download(url).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void downloadStalledMidBodySendsHalfTheFile() throws Exception {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode segment = firstSegment(sandbox, latestDownloadsInstance(sandbox));
      String url = segment.path("attributes").path("url").asText();
      long size = segment.path("attributes").path("sizeInBytes").asLong();
      sandbox.server.faults().stallNextDownloadsMidBody(1);

      try (java.net.Socket socket = new java.net.Socket()) {
        URI uri = URI.create(url);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", uri.getPort()));
        socket.setSoTimeout(2000);
        socket
            .getOutputStream()
            .write(
                ("GET "
                        + uri.getRawPath()
                        + "?"
                        + uri.getRawQuery()
                        + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
          int n;
          while ((n = socket.getInputStream().read(buffer)) >= 0) {
            received.write(buffer, 0, n);
          }
        } catch (java.net.SocketTimeoutException e) {
          // the stall: nothing more arrives
        }
        String text = received.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        assertThat(text).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + size);
        assertThat(received.size() - bodyStart)
            .as("body bytes before the stall")
            .isEqualTo(size / 2);
      }
      assertThat(sandbox.server.downloadsStalledMidBody()).isEqualTo(1);
      assertThat(sandbox.server.issuedUrlSignatures())
          .as("signatures handed out")
          .contains(url.substring(url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length()));
      assertThat(sandbox.server.receivedBearerTokens())
          .as("tokens received")
          .isNotEmpty()
          .allMatch(token -> token.startsWith("eyJ") && token.split("\\.").length == 3);
      assertThat(sandbox.download(url).statusCode()).as("the next download").isEqualTo(200);
    }
  }

  @Test
  void developerKeyCannotListRequests() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String requestId = sandbox.ongoingRequestId("1000000001");
      sandbox.server.faults().requestListingForbidden(true);

      HttpResponse<byte[]> listing = sandbox.get("/v1/apps/1000000001/analyticsReportRequests");
      HttpResponse<byte[]> oneRequest = sandbox.get("/v1/analyticsReportRequests/" + requestId);

      assertThat(listing.statusCode()).isEqualTo(403);
      assertThat(SandboxFixture.json(listing).path("errors").get(0).path("code").asText())
          .isEqualTo("FORBIDDEN_ERROR");
      assertThat(oneRequest.statusCode()).as("reading a known request still works").isEqualTo(200);
    }
  }

  @Test
  void salesVersionChangesInMidRun() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      LocalDate day = salesDay(sandbox, SandboxFixture.TODAY.minusDays(2));
      assertThat(sandbox.get(SALES + day).statusCode()).isEqualTo(200);

      sandbox.server.faults().salesReportVersion("SALES", "1_1");
      HttpResponse<byte[]> old = sandbox.get(SALES + day);

      assertThat(old.statusCode()).isEqualTo(400);
      assertThat(SandboxFixture.json(old).path("errors").get(0).path("detail").asText())
          .isEqualTo(
              "The version parameter you have specified is invalid. The latest version for this"
                  + " report is 1_1.");
      assertThat(sandbox.get(SALES.replace("1_0", "1_1") + day).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void salesReportNotAvailableYet() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().salesPublicationDelayDays(1);
      LocalDate yesterday = SandboxFixture.TODAY.minusDays(1);

      HttpResponse<byte[]> late = sandbox.get(SALES + yesterday);
      HttpResponse<byte[]> earlier =
          sandbox.get(SALES + salesDay(sandbox, SandboxFixture.TODAY.minusDays(2)));

      assertThat(late.statusCode()).isEqualTo(404);
      assertThat(SandboxFixture.json(late).path("errors").get(0).path("detail").asText())
          .isEqualTo("Report is not available yet. Try again after 2025-01-21.");
      assertThat(earlier.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void salesRetentionExpiry() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      LocalDate day = salesDay(sandbox, SandboxFixture.TODAY.minusDays(6));
      assertThat(sandbox.get(SALES + day).statusCode()).isEqualTo(200);

      sandbox.server.faults().salesRetentionDays(3);
      HttpResponse<byte[]> gone = sandbox.get(SALES + day);

      assertThat(gone.statusCode()).isEqualTo(410);
      assertThat(SandboxFixture.json(gone).path("errors").get(0).path("detail").asText())
          .isEqualTo(
              "Report is no longer available. Daily, weekly and monthly reports are kept for 3"
                  + " days.");
    }
  }

  @Test
  void resetRestoresTheConfiguration() {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().multiMemberGzip(true))) {
      SandboxFaults faults = sandbox.server.faults();
      faults.rejectNextTokens(5).multiMemberGzip(false).loopingNextLinks(true);
      faults.salesReportVersion("SALES", "1_9").rateLimits(1, 1);

      faults.reset();

      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(200);
      assertThat(faults.switches().multiMemberGzip()).isTrue();
      assertThat(faults.switches().loopingNextLinks()).isFalse();
      assertThat(sandbox.get("/v1/apps").headers().firstValue("X-Rate-Limit"))
          .hasValue("user-hour-lim:3600;user-hour-rem:3598;");
      LocalDate day = salesDay(sandbox, SandboxFixture.TODAY.minusDays(2));
      assertThat(sandbox.get(SALES + day).statusCode()).isEqualTo(200);
    }
  }

  /** Returns the newest day on or before {@code from} with sales. */
  static LocalDate salesDay(SandboxFixture sandbox, LocalDate from) {
    LocalDate day = from;
    while (sandbox.server.groundTruth().isNoSalesDay(day)) {
      day = day.minusDays(1);
    }
    return day;
  }

  private static String latestDownloadsInstance(SandboxFixture sandbox) {
    return SegmentDownloadTest.latestInstance(sandbox, "App Downloads Standard")
        .path("id")
        .asText();
  }

  private static JsonNode firstSegment(SandboxFixture sandbox, String instanceId) {
    return sandbox
        .getJson("/v1/analyticsReportInstances/" + instanceId + "/segments")
        .path("data")
        .get(0);
  }

  /** Decodes each gzip member on its own and returns their texts. */
  static List<String> gzipMembers(byte[] gzip) throws IOException, DataFormatException {
    List<String> members = new java.util.ArrayList<>();
    int offset = 0;
    while (offset < gzip.length) {
      // Members written by GZIPOutputStream have a 10-byte header without optional fields.
      Inflater inflater = new Inflater(true);
      inflater.setInput(gzip, offset + 10, gzip.length - offset - 10);
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && inflater.needsInput()) {
          throw new EOFException("gzip member cut short");
        }
        text.write(buffer, 0, n);
      }
      offset = gzip.length - inflater.getRemaining() + 8;
      inflater.end();
      members.add(text.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
    return members;
  }
}
