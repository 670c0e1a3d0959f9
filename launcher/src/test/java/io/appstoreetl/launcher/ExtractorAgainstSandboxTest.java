package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.auth.JwtTokenProvider;
import io.appstoreetl.extractor.auth.PrivateKeyLoader;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extractor, started as its own process, against the sandbox with faults switched on. */
class ExtractorAgainstSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DATE = LocalDate.of(2025, 5, 20);

  @TempDir Path directory;

  @Test
  void corruptSegmentIsDownloadedOnceMore() throws IOException {
    Lake lake = new Lake(directory.resolve("lake"));

    Extraction extraction = extract(lake, builder -> builder.corruptFirstDownloadsPerSegment(1));

    assertThat(extraction.exitCode()).as("exit code; stderr:%n%s", extraction.stderr()).isZero();
    assertThat(extraction.summary().path("errors_total").asInt()).isZero();
    List<JsonNode> manifests = manifests(lake, "source=analytics");
    // One DAILY instance per processing date from the day after historyStart to today.
    int instancesPerReport = SandboxLake.DEFAULT_HISTORY_DAYS + 1;
    assertThat(manifests)
        .filteredOn(manifest -> manifest.path("report").asText().equals("app_downloads_standard"))
        .hasSize(instancesPerReport);
    assertThat(manifests)
        .extracting(manifest -> manifest.path("report").asText())
        .contains("app_store_discovery_and_engagement_detailed", "app_crashes");
    for (JsonNode manifest : manifests) {
      assertThat(manifest.path("status").asText()).isEqualTo("complete");
      assertThat(manifest.path("row_count").asLong()).isPositive();
    }
    // The environment has no APPLE_ADS_* settings: the run skips Apple Ads and still succeeds.
    assertThat(extraction.summary().path("apple_ads").path("status").asText()).isEqualTo("skipped");
    assertThat(extraction.summary().path("apple_ads").path("reason").asText())
        .isEqualTo("not configured");
    assertThat(extraction.stderr()).contains("Apple Ads is not configured");
    assertThat(manifests(lake, "source=apple_ads")).isEmpty();
  }

  @Test
  void twiceCorruptSegmentIsReported() throws IOException {
    Lake lake = new Lake(directory.resolve("lake"));

    Extraction extraction = extract(lake, builder -> builder.corruptFirstDownloadsPerSegment(2));

    assertThat(extraction.exitCode()).as("exit code when segments stay corrupt").isEqualTo(1);
    assertThat(manifests(lake, "source=analytics"))
        .as("analytics units without a verified checksum have no manifest")
        .isEmpty();
    assertThat(manifests(lake, "source=sales"))
        .as("the sales report of the run's date still lands after the analytics failures")
        .anySatisfy(
            manifest -> {
              assertThat(manifest.path("report").asText()).isEqualTo("sales_summary");
              assertThat(manifest.path("report_date").asText()).isEqualTo(DATE.toString());
              assertThat(manifest.path("status").asText()).isIn("complete", "empty");
            });
    JsonNode app = extraction.summary().path("apps").get(0);
    assertThat(app.path("errors").size()).isPositive();
    assertThat(app.path("errors").get(0).asText()).containsIgnoringCase("md5");
    assertThat(extraction.summary().path("errors_total").asInt())
        .isEqualTo(app.path("errors").size());
  }

  @Test
  void sandboxAcceptsExtractorTokens() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(7, 2, DATE);
    Path keyFile = sandboxLake.privateKeyFile();

    try (SandboxServer server = sandboxLake.start(settings, DATE.plusDays(1))) {
      JwtTokenProvider tokens =
          new JwtTokenProvider(
              settings.issuerId(),
              SandboxLake.KEY_ID,
              PrivateKeyLoader.load(keyFile),
              Clock.systemUTC());
      String token = tokens.current();

      String[] parts = token.split("\\.");
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      assertThat(header.path("alg").asText()).isEqualTo("ES256");
      assertThat(header.path("kid").asText()).isEqualTo(SandboxLake.KEY_ID);
      assertThat(header.path("typ").asText()).isEqualTo("JWT");
      assertThat(claims.path("iss").asText()).isEqualTo(settings.issuerId());
      assertThat(claims.path("aud").asText()).isEqualTo("appstoreconnect-v1");
      assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
          .as("token lifetime in seconds")
          .isEqualTo(900);
      assertThat(Base64.getUrlDecoder().decode(parts[2]))
          .as("JWS signature in the 64-byte R||S form")
          .hasSize(64);

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/apps"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("response body: %s", response.body()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).path("data").size()).isEqualTo(2);
    }
  }

  private record Extraction(int exitCode, JsonNode summary, String stderr) {}

  private Extraction extract(Lake lake, UnaryOperator<SandboxConfig.Builder> faults)
      throws IOException {
    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(11, 1, DATE);
    Path summaryFile = directory.resolve("summary.json");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try (SandboxServer server = sandboxLake.start(settings, DATE.plusDays(1), faults)) {
      Map<String, String> environment = new HashMap<>();
      environment.put("ASC_ISSUER_ID", settings.issuerId());
      environment.put("ASC_KEY_ID", SandboxLake.KEY_ID);
      environment.put("ASC_P8_PATH", sandboxLake.privateKeyFile().toString());
      environment.put("APPLE_VENDOR_NUMBER", server.config().vendorNumber());
      environment.put("APP_IDS", String.join(",", server.config().appIds()));
      ProcessRunner runner =
          new ProcessRunner(System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8));
      ProcessRunner.Result result =
          new ExtractorRunner(EtlHome.locate(), runner)
              .run(
                  lake,
                  List.of(
                      "extract",
                      "--sandbox",
                      "--api-base-url",
                      server.baseUrl(),
                      "--raw-root",
                      lake.raw().toString(),
                      "--date",
                      DATE.toString(),
                      "--summary-file",
                      summaryFile.toString()),
                  environment);
      return new Extraction(
          result.exitCode(),
          JSON.readTree(summaryFile.toFile()),
          stderr.toString(StandardCharsets.UTF_8));
    }
  }

  private static List<JsonNode> manifests(Lake lake, String source) throws IOException {
    Path root = lake.raw().resolve(source);
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(path -> path.getFileName().toString().equals("manifest.json"))
          .map(
              path -> {
                try {
                  return JSON.readTree(path.toFile());
                } catch (IOException e) {
                  throw new IllegalStateException("Cannot read " + path, e);
                }
              })
          .toList();
    }
  }
}
