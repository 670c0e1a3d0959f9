package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.ads.AppleAdsClients;
import io.appstoreetl.extractor.ads.AppleAdsConfig;
import io.appstoreetl.extractor.ads.AppleAdsKeyLoader;
import io.appstoreetl.extractor.ads.AppleAdsResult;
import io.appstoreetl.extractor.http.RateLimiter;
import io.appstoreetl.extractor.http.RetryPolicy;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.sandbox.SandboxServer;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Apple Ads client and extract, in this JVM, against the sandbox's Apple Ads over loopback:
 * paging, raw pages byte for byte, sums against the ground truth, 401 and 429.
 */
class AppleAdsAgainstSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DATE = LocalDate.of(2025, 5, 20);
  private static final LocalDate START = DATE.minusDays(29);
  private static final int PAGE_SIZE = 7;

  @TempDir Path directory;

  private SandboxServer server;
  private AppleAdsClients clients;
  private RawZone rawZone;
  private Path rawRoot;
  private final List<Long> retryDelays = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    Lake lake = new Lake(directory.resolve("lake"));
    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(7, 3, DATE);
    server =
        sandboxLake.start(
            settings,
            DATE.plusDays(1),
            builder -> builder.historyStart(DATE.minusDays(40)).appleAdsMaxPageSize(PAGE_SIZE));
    Map<String, String> environment = sandboxLake.extractorEnvironment(settings, server);
    AppleAdsConfig config = loadConfig(environment);

    RetryPolicy retry = new RetryPolicy(5, 10, 100, 120_000, retryDelays::add, System::nanoTime);
    AtomicLong virtualMillis = new AtomicLong();
    RateLimiter limiter =
        new RateLimiter(7200, 100, virtualMillis::get, millis -> virtualMillis.addAndGet(millis));
    clients =
        AppleAdsClients.create(
            config,
            AppleAdsKeyLoader.load(config.keyPath()),
            retry,
            limiter,
            Clock.systemUTC(),
            JSON,
            true);
    rawRoot = lake.raw();
    rawZone = new RawZone(rawRoot, JSON);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void landsEveryPageUnchanged() throws IOException {
    AppleAdsResult result = run();

    assertThat(result.status()).as("errors: %s", result.errors()).isEqualTo("complete");
    assertThat(result.orgId()).isEqualTo("40669820");
    assertThat(result.timeZone()).isEqualTo("America/Los_Angeles");
    assertThat(result.startDate()).isEqualTo(START);
    assertThat(result.endDate()).isEqualTo(DATE);
    assertThat(result.campaignsListed()).isEqualTo(4);
    assertThat(result.campaignsReported()).isEqualTo(3);
    assertThat(result.campaignsWithoutSearchTerms()).as("the Today-tab campaign").isEqualTo(1);
    assertThat(result.units()).hasSize(4);

    int unitsChecked = 0;
    for (String unit : result.units()) {
      JsonNode manifest = JSON.readTree(rawRoot.resolve(unit + "manifest.json").toFile());
      assertThat(manifest.path("source").asText()).isEqualTo("apple_ads");
      assertThat(manifest.path("org_id").asText()).isEqualTo("40669820");
      assertThat(manifest.path("ad_account_id").asText()).isEqualTo("3141592");
      if (!manifest.path("report").asText().equals("search_terms")) {
        assertThat(unit).startsWith("source=apple_ads/report=campaigns/org_id=40669820/");
        assertThat(manifest.path("row_count").asInt()).isEqualTo(4);
        continue;
      }

      String campaignId = manifest.path("campaign_id").asText();
      assertThat(unit)
          .startsWith(
              "source=apple_ads/report=search_terms/org_id=40669820/campaign_id="
                  + campaignId
                  + "/fetched_date=");
      assertThat(manifest.path("granularity").asText()).isEqualTo("DAILY");
      assertThat(manifest.path("start_date").asText()).isEqualTo(START.toString());
      assertThat(manifest.path("end_date").asText()).isEqualTo(DATE.toString());
      assertThat(manifest.path("time_zone").asText()).isEqualTo("America/Los_Angeles");
      assertThat(manifest.path("app_id").asText()).isIn("1000000001", "1000000002");
      JsonNode files = manifest.path("files");
      assertThat(files.size()).as("pages of campaign %s", campaignId).isGreaterThan(1);

      // Each landed page is byte-equal to what the sandbox sends for that page.
      int offset = 0;
      long rows = 0;
      for (JsonNode file : files) {
        byte[] landed = Files.readAllBytes(rawRoot.resolve(unit + file.path("path").asText()));
        byte[] sent = clients.api().searchTermsPage(campaignId, START, DATE, offset, 1000).body();
        assertThat(landed).as("page %s of %s", file.path("path").asText(), unit).isEqualTo(sent);
        int pageRows = JSON.readTree(landed).path("result").path("rows").size();
        assertThat(file.path("row_count").asInt()).isEqualTo(pageRows);
        offset += pageRows;
        rows += pageRows;
      }
      JsonNode firstPage =
          JSON.readTree(rawRoot.resolve(unit + files.get(0).path("path").asText()).toFile());
      assertThat(rows)
          .as("rows landed: paged to the end")
          .isEqualTo(firstPage.path("pagination").path("totalCount").asLong())
          .isEqualTo(manifest.path("row_count").asLong());
      assertThat(indexEntries(unit)).as("index entries, one per requested day").isEqualTo(30);
      unitsChecked++;
    }
    assertThat(unitsChecked).isEqualTo(3);
    assertThat(landedRows())
        .as("low-volume rows without text are landed")
        .anyMatch(row -> row.path("metadata").path("searchTermText").isNull());
  }

  @Test
  void landedRowsSumToGroundTruth() throws IOException {
    AppleAdsResult result = run();
    assertThat(result.status()).isEqualTo("complete");

    Map<String, String> landed = new TreeMap<>();
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> spend = new TreeMap<>();
    for (String unit : result.units()) {
      JsonNode manifest = JSON.readTree(rawRoot.resolve(unit + "manifest.json").toFile());
      if (!manifest.path("report").asText().equals("search_terms")) {
        continue;
      }
      String app = manifest.path("app_id").asText();
      for (JsonNode row : rows(unit, manifest)) {
        JsonNode metadata = row.path("metadata");
        boolean undisclosed = metadata.path("searchTermText").isNull();
        String dimensions =
            undisclosed
                ? "null|null|null"
                : metadata.path("searchTermText").asText()
                    + "|"
                    + metadata.path("searchTermSource").asText()
                    + "|"
                    + metadata.path("countryOrRegion").asText();
        for (JsonNode day : row.path("granularMetrics")) {
          String key = app + "|" + day.path("date").asText() + "|" + dimensions;
          long[] sums = counts.computeIfAbsent(key, k -> new long[3]);
          sums[0] += day.path("impressions").asLong();
          sums[1] += day.path("taps").asLong();
          sums[2] += day.path("tapInstalls").asLong();
          spend.merge(
              key, new BigDecimal(day.path("localSpend").path("amount").asText()), BigDecimal::add);
        }
      }
    }
    counts.forEach(
        (key, sums) ->
            landed.put(key, sums[0] + "/" + sums[1] + "/" + sums[2] + "/" + spend.get(key)));

    Map<String, String> expected = new TreeMap<>();
    for (SearchTermTotal total : server.groundTruth().searchTermTotals(START, DATE)) {
      expected.put(
          total.appAppleId()
              + "|"
              + total.metricDate()
              + "|"
              + total.searchTerm()
              + "|"
              + total.searchTermSource()
              + "|"
              + total.country(),
          total.impressions() + "/" + total.taps() + "/" + total.installs() + "/" + total.spend());
    }

    assertThat(expected).isNotEmpty();
    assertThat(landed).isEqualTo(expected);
  }

  @Test
  void expiredTokenGetsOneFreshToken() {
    assertThat(run().status()).isEqualTo("complete");
    assertThat(server.appleAdsTokensIssued()).isEqualTo(1);

    server.faults().expireAppleAdsTokens();
    AppleAdsResult second = run();

    assertThat(second.status()).as("errors: %s", second.errors()).isEqualTo("complete");
    assertThat(server.appleAds().unauthorizedCalls()).isEqualTo(1);
    assertThat(server.appleAdsTokensIssued()).as("one fresh token after the 401").isEqualTo(2);
  }

  @Test
  void throttledCallsHonourRetryAfter() {
    server.faults().throttleNextAppleAdsCalls(2, Duration.ofSeconds(3));

    AppleAdsResult result = run();

    assertThat(result.status()).as("errors: %s", result.errors()).isEqualTo("complete");
    assertThat(server.appleAds().throttledCalls()).isEqualTo(2);
    assertThat(retryDelays).as("retry waits in ms").containsExactly(3000L, 3000L);
  }

  @Test
  void secretsStayOutOfLandedFiles() throws IOException {
    AppleAdsResult result = run();
    String token = clients.tokens().current();
    String key = Files.readString(directory.resolve("lake/sandbox/apple-ads-private-key.pem"));
    String keyLine = key.split("\\R")[1];

    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(rawRoot)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains(token) || text.contains(keyLine) || text.contains("eyJhbGciOi")) {
          found.add(rawRoot.relativize(file).toString());
        }
      }
    }
    String resultText = result.toString();

    assertThat(token).startsWith("sandbox-ads-");
    assertThat(keyLine).hasSizeGreaterThan(32);
    assertThat(found).as("landed files with a secret").isEmpty();
    assertThat(resultText).doesNotContain(token).doesNotContain(keyLine).doesNotContain("eyJ");
  }

  private AppleAdsResult run() {
    AttemptIds ids = new AttemptIds(Clock.systemUTC());
    return clients.step(rawZone, Clock.systemUTC(), 1000).run(ids.next(), ids, DATE);
  }

  private static AppleAdsConfig loadConfig(Map<String, String> environment) {
    try {
      return AppleAdsConfig.load(environment, Path.of("."), true).orElseThrow();
    } catch (io.appstoreetl.extractor.ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<JsonNode> rows(String unit, JsonNode manifest) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode file : manifest.path("files")) {
      JsonNode page = JSON.readTree(rawRoot.resolve(unit + file.path("path").asText()).toFile());
      page.path("result").path("rows").forEach(rows::add);
    }
    return rows;
  }

  private List<JsonNode> landedRows() throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (Stream<Path> files = Files.walk(rawRoot.resolve("source=apple_ads"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("page=")).toList()) {
        JSON.readTree(file.toFile()).path("result").path("rows").forEach(rows::add);
      }
    }
    return rows;
  }

  private long indexEntries(String unit) throws IOException {
    long count = 0;
    try (Stream<Path> files = Files.walk(rawRoot.resolve("index"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (JSON.readTree(file.toFile()).path("unit").asText().equals(unit)) {
          count++;
        }
      }
    }
    return count;
  }
}
