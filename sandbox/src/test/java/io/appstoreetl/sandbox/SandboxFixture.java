package io.appstoreetl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** A started sandbox with a registered key, and a real HTTP client that calls it over loopback. */
final class SandboxFixture implements AutoCloseable {

  /** The simulated today of most tests, fixed so that the data is the same on every run. */
  static final LocalDate TODAY = LocalDate.of(2025, 1, 20);

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  final SandboxServer server;
  final KeyPair keyPair;

  private SandboxFixture(SandboxServer server, KeyPair keyPair) {
    this.server = server;
    this.keyPair = keyPair;
  }

  /** Starts a sandbox with the settings and registers a fresh team key. */
  static SandboxFixture start(SandboxConfig.Builder config) {
    try {
      SandboxServer server = SandboxServer.start(config.build());
      KeyPair keyPair = TestTokens.newKeyPair();
      server.registerKey(
          TestTokens.KEY_ID, TestTokens.ISSUER_ID, (ECPublicKey) keyPair.getPublic());
      return new SandboxFixture(server, keyPair);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the sandbox", e);
    }
  }

  /** Returns the settings most tests start from: 3 apps, today 2025-01-20, 10 days of history. */
  static SandboxConfig.Builder defaults() {
    return SandboxConfig.builder().today(TODAY).historyStart(TODAY.minusDays(10));
  }

  String url(String pathOrUrl) {
    return pathOrUrl.startsWith("http") ? pathOrUrl : server.baseUrl() + pathOrUrl;
  }

  HttpResponse<byte[]> get(String pathOrUrl) {
    return send(authorized(pathOrUrl).GET().build());
  }

  HttpResponse<byte[]> getWithToken(String pathOrUrl, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(pathOrUrl))).GET();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return send(builder.build());
  }

  HttpResponse<byte[]> getWithAuthorization(String pathOrUrl, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(pathOrUrl))).GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return send(builder.build());
  }

  /** GET without an Authorization header, as a client fetches a presigned URL. */
  HttpResponse<byte[]> download(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  HttpResponse<byte[]> post(String path, String json) {
    return send(
        authorized(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<byte[]> postUnauthenticated(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<byte[]> delete(String path) {
    return send(authorized(path).DELETE().build());
  }

  HttpResponse<byte[]> method(String method, String path) {
    return send(authorized(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  JsonNode getJson(String pathOrUrl) {
    return json(get(pathOrUrl));
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Response is not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Returns the id of the app's ONGOING request. */
  String ongoingRequestId(String appId) {
    JsonNode list =
        getJson("/v1/apps/" + appId + "/analyticsReportRequests?filter%5BaccessType%5D=ONGOING");
    return list.path("data").get(0).path("id").asText();
  }

  /** Returns the report id of the named report under the app's ONGOING request. */
  String reportId(String appId, String reportName) {
    return reportId(ongoingRequestId(appId), appId, reportName);
  }

  /** Returns the report id of the named report under the request. */
  String reportId(String requestId, String appId, String reportName) {
    String encoded = reportName.replace(" ", "%20");
    JsonNode reports =
        getJson(
            "/v1/analyticsReportRequests/" + requestId + "/reports?filter%5Bname%5D=" + encoded);
    return reports.path("data").get(0).path("id").asText();
  }

  /** Creates a request of the access type for the app and returns its id. */
  String createRequest(String accessType, String appId) {
    HttpResponse<byte[]> created =
        post("/v1/analyticsReportRequests", createBody(accessType, appId));
    if (created.statusCode() != 201) {
      throw new IllegalStateException("Cannot create a request: " + text(created));
    }
    return json(created).path("data").path("id").asText();
  }

  static String createBody(String accessType, String appId) {
    return "{\"data\":{\"type\":\"analyticsReportRequests\","
        + "\"attributes\":{\"accessType\":\""
        + accessType
        + "\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\""
        + appId
        + "\"}}}}}";
  }

  /** Returns the rows of every segment of the instance as text files, in segment order. */
  List<String> segmentTexts(String instanceId) {
    List<String> texts = new ArrayList<>();
    JsonNode segments = getJson("/v1/analyticsReportInstances/" + instanceId + "/segments");
    for (JsonNode segment : segments.path("data")) {
      texts.add(gunzip(download(segment.path("attributes").path("url").asText()).body()));
    }
    return texts;
  }

  /** Returns every DAILY instance of the report, following links.next. */
  List<JsonNode> instances(String reportId) {
    return instances(reportId, "DAILY");
  }

  /** Returns every instance of the report with that granularity, following links.next. */
  List<JsonNode> instances(String reportId, String granularity) {
    List<JsonNode> instances = new ArrayList<>();
    String next =
        "/v1/analyticsReports/" + reportId + "/instances?filter%5Bgranularity%5D=" + granularity;
    while (next != null) {
      JsonNode page = getJson(next);
      page.path("data").forEach(instances::add);
      next = page.path("links").has("next") ? page.path("links").path("next").asText() : null;
    }
    return instances;
  }

  /** Downloads every segment of the instance and returns the parsed rows of all of them. */
  List<Map<String, String>> instanceRows(String instanceId) {
    List<Map<String, String>> rows = new ArrayList<>();
    JsonNode segments = getJson("/v1/analyticsReportInstances/" + instanceId + "/segments");
    for (JsonNode segment : segments.path("data")) {
      HttpResponse<byte[]> file = download(segment.path("attributes").path("url").asText());
      rows.addAll(parseTsv(gunzip(file.body())));
    }
    return rows;
  }

  static String gunzip(byte[] gzip) {
    try (GZIPInputStream input = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Not a gzip file", e);
    }
  }

  /** Parses tab-separated text by header name, keeping empty trailing fields. */
  static List<Map<String, String>> parseTsv(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    String[] header = lines.get(0).split("\t", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split("\t", -1);
      if (values.length != header.length) {
        throw new IllegalStateException(
            "Row has " + values.length + " fields for " + header.length + " columns: " + line);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], values[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Returns a valid token for the sandbox's wall clock, which a test may have moved. */
  String token() {
    return TestTokens.validToken(keyPair.getPrivate(), server.config().clock().instant());
  }

  private HttpRequest.Builder authorized(String pathOrUrl) {
    return HttpRequest.newBuilder(URI.create(url(pathOrUrl)))
        .header("Authorization", "Bearer " + token());
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("Request to the sandbox failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
