package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's Apple Ads token endpoint and v1 calls, over loopback HTTP. */
class AppleAdsEndpointsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CLIENT_ID = "SEARCHADS.11111111-2222-3333-4444-555555555555";
  private static final String TEAM_ID = "SEARCHADS.aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  private static final String KEY_ID = "d136aa66-0c3b-4bd4-9892-c20e8db024ab";
  private static final LocalDate TODAY = LocalDate.of(2025, 1, 20);

  private SandboxServer server;
  private KeyPair keyPair;

  @BeforeEach
  void start() throws IOException {
    server =
        SandboxServer.start(
            SandboxConfig.builder()
                .today(TODAY)
                .historyStart(TODAY.minusDays(40))
                .appleAdsMaxPageSize(7)
                .build());
    keyPair = TestTokens.newKeyPair();
    server.registerAppleAdsClient(CLIENT_ID, TEAM_ID, KEY_ID, (ECPublicKey) keyPair.getPublic());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void tokenEndpointIssuesBearerToken() throws Exception {
    HttpResponse<byte[]> response = tokenResponse(secret(KEY_ID, TEAM_ID, 179));
    JsonNode body = MAPPER.readTree(response.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
    assertThat(body.path("scope").asText()).isEqualTo("searchadsorg");
    assertThat(body.path("access_token").asText()).isNotEmpty();
  }

  @Test
  void tokenEndpointRejectsBadSecrets() throws Exception {
    HttpResponse<byte[]> wrongTeam = tokenResponse(secret(KEY_ID, "SEARCHADS.other", 179));
    HttpResponse<byte[]> tooLong = tokenResponse(secret(KEY_ID, TEAM_ID, 181));
    HttpResponse<byte[]> wrongKid = tokenResponse(secret("other-key", TEAM_ID, 179));

    assertThat(wrongTeam.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(wrongTeam.body()).path("error").asText())
        .isEqualTo("invalid_client");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(tooLong.body()).path("error_description").asText())
        .contains("180 days");
    assertThat(wrongKid.statusCode()).isEqualTo(400);
    assertThat(server.appleAdsTokensIssued()).isZero();
  }

  @Test
  void campaignsListAppsWithAndWithoutSearch() throws Exception {
    String token = token();
    JsonNode page =
        post(token, "/v1/campaigns/query", "{\"pagination\":{\"offset\":0,\"pageSize\":100}}");

    List<String> apps = new ArrayList<>();
    List<String> placements = new ArrayList<>();
    for (JsonNode campaign : page.path("result")) {
      apps.add(campaign.path("promotedObjectId").asText());
      placements.add(
          campaign.path("targeting").path("supplyPlacement").path("include").path(0).asText());
    }
    assertThat(apps).containsExactly("1000000001", "1000000001", "1000000002", "1000000002");
    assertThat(placements)
        .containsExactly(
            "APPSTORE_SEARCH_RESULTS",
            "APPSTORE_SEARCH_RESULTS",
            "APPSTORE_SEARCH_RESULTS",
            "APPSTORE_TODAY_TAB");
    assertThat(page.path("pagination").path("totalCount").asInt()).isEqualTo(4);
  }

  @Test
  void searchTermsPageToTheEnd() throws Exception {
    String token = token();
    List<JsonNode> rows = reportRows(token, 500000001L, TODAY.minusDays(30), TODAY.minusDays(1));
    JsonNode first = report(token, 500000001L, TODAY.minusDays(30), TODAY.minusDays(1), 0);

    assertThat(first.path("result").path("rows")).hasSize(7);
    assertThat(rows).hasSize(first.path("pagination").path("totalCount").asInt());
    assertThat(rows.size()).isGreaterThan(14);
    assertThat(rows).anyMatch(row -> row.path("metadata").path("searchTermText").isNull());
    assertThat(rows)
        .extracting(row -> row.path("metadata").path("searchTermSource").asText())
        .contains("TARGETED", "AUTO");
    assertThat(rows)
        .extracting(row -> row.path("metadata").path("countryOrRegion").asText())
        .contains("US", "GB");
  }

  @Test
  void todayTabCampaignHasNoSearchTerms() throws Exception {
    HttpResponse<byte[]> response =
        postResponse(
            token(),
            "/v1/reports/apps/searchterms/query",
            reportBody(500000012L, TODAY.minusDays(5), TODAY.minusDays(1), 0));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(response.body()).path("error").path("message").asText())
        .isEqualTo("TAB CAMPAIGN DOES NOT CONTAIN KEYWORD");
  }

  @Test
  void installsGrowForThirtyDays() throws Exception {
    LocalDate day = TODAY.minusDays(1);
    long early = installs(server.groundTruth().searchTermTotals(day, day));
    server.setToday(day.plusDays(15));
    long middle = installs(server.groundTruth().searchTermTotals(day, day));
    server.setToday(day.plusDays(30));
    long settled = installs(server.groundTruth().searchTermTotals(day, day));
    server.setToday(day.plusDays(60));
    long later = installs(server.groundTruth().searchTermTotals(day, day));

    assertThat(early).isLessThan(middle);
    assertThat(middle).isLessThan(settled);
    assertThat(later).isEqualTo(settled);
  }

  @Test
  void expiredTokenGets401() throws Exception {
    String token = token();
    server.faults().expireAppleAdsTokens();
    HttpResponse<byte[]> response = postResponse(token, "/v1/campaigns/query", "{}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(MAPPER.readTree(response.body()).path("error").path("code").asText())
        .isEqualTo("UNAUTHORIZED");
    assertThat(postResponse(token(), "/v1/campaigns/query", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void throttleSwitchSends429WithRetryAfter() throws Exception {
    String token = token();
    server.faults().throttleNextAppleAdsCalls(1, Duration.ofSeconds(3));
    HttpResponse<byte[]> throttled = postResponse(token, "/v1/campaigns/query", "{}");
    HttpResponse<byte[]> next = postResponse(token, "/v1/campaigns/query", "{}");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(MAPPER.readTree(throttled.body()).path("error").path("code").asText())
        .isEqualTo("rate_limit_exceeded");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(server.appleAds().throttledCalls()).isEqualTo(1);
  }

  @Test
  void wrongContextHeaderIsForbidden() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.appleAdsBaseUrl() + "/v1/campaigns/query"))
            .header("Authorization", "Bearer " + token())
            .header("X-AP-Context", "orgId=40669820")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void controlEndpointsDriveAppleAds() throws Exception {
    KeyPair other = TestTokens.newKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(other.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    HttpResponse<byte[]> registered =
        control(
            "/sandbox/apple-ads/clients",
            "{\"clientId\":\"SEARCHADS.http\",\"teamId\":\"SEARCHADS.team\",\"keyId\":\"k2\","
                + "\"publicKeyPem\":"
                + MAPPER.writeValueAsString(pem)
                + "}");
    HttpResponse<byte[]> throttle =
        control("/sandbox/faults/apple-ads-throttle", "{\"count\":1,\"retryAfterSeconds\":2}");
    HttpResponse<byte[]> truth =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.baseUrl()
                            + "/sandbox/ground-truth/search-terms?from="
                            + TODAY.minusDays(2)
                            + "&to="
                            + TODAY.minusDays(1)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(registered.statusCode()).isEqualTo(204);
    assertThat(throttle.statusCode()).isEqualTo(204);
    assertThat(server.faults().pendingAppleAdsThrottles()).isEqualTo(1);
    assertThat(truth.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(truth.body()).size())
        .isEqualTo(
            server.groundTruth().searchTermTotals(TODAY.minusDays(2), TODAY.minusDays(1)).size())
        .isPositive();
    assertThat(MAPPER.readTree(truth.body()).path(0).path("app_apple_id").asText())
        .isEqualTo("1000000001");
  }

  private HttpResponse<byte[]> control(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sums the served rows independently of the sandbox's own ground-truth code. */
  @Test
  void groundTruthSumsServedRows() throws Exception {
    String token = token();
    LocalDate from = TODAY.minusDays(30);
    LocalDate to = TODAY.minusDays(1);
    Map<String, String> campaignApps =
        Map.of("500000001", "1000000001", "500000002", "1000000001", "500000011", "1000000002");
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, BigDecimal> spend = new TreeMap<>();
    for (Map.Entry<String, String> campaign : campaignApps.entrySet()) {
      for (JsonNode row : reportRows(token, Long.parseLong(campaign.getKey()), from, to)) {
        JsonNode metadata = row.path("metadata");
        boolean undisclosed = metadata.path("searchTermText").isNull();
        for (JsonNode day : row.path("granularMetrics")) {
          String key =
              campaign.getValue()
                  + "|"
                  + day.path("date").asText()
                  + "|"
                  + (undisclosed
                      ? "null|null|null"
                      : metadata.path("searchTermText").asText()
                          + "|"
                          + metadata.path("searchTermSource").asText()
                          + "|"
                          + metadata.path("countryOrRegion").asText());
          long[] counts = sums.computeIfAbsent(key, k -> new long[3]);
          counts[0] += day.path("impressions").asLong();
          counts[1] += day.path("taps").asLong();
          counts[2] += day.path("tapInstalls").asLong();
          spend.merge(
              key, new BigDecimal(day.path("localSpend").path("amount").asText()), BigDecimal::add);
        }
      }
    }

    List<SearchTermTotal> truth = server.groundTruth().searchTermTotals(from, to);
    Map<String, String> expected = new TreeMap<>();
    for (SearchTermTotal total : truth) {
      String key =
          total.appAppleId()
              + "|"
              + total.metricDate()
              + "|"
              + total.searchTerm()
              + "|"
              + total.searchTermSource()
              + "|"
              + total.country();
      expected.put(
          key,
          total.impressions()
              + "/"
              + total.taps()
              + "/"
              + total.installs()
              + "/"
              + total.spend()
              + " "
              + total.currency());
    }
    Map<String, String> actual = new TreeMap<>();
    sums.forEach(
        (key, counts) ->
            actual.put(
                key,
                counts[0] + "/" + counts[1] + "/" + counts[2] + "/" + spend.get(key) + " USD"));

    assertThat(actual).isEqualTo(expected);
    assertThat(truth).anyMatch(SearchTermTotal::undisclosed);
    assertThat(truth)
        .noneMatch(t -> t.undisclosed() && (t.searchTerm() != null || t.country() != null));
    assertThat(truth).extracting(SearchTermTotal::appAppleId).doesNotContain("1000000003");
  }

  private static long installs(List<SearchTermTotal> totals) {
    return totals.stream().mapToLong(SearchTermTotal::installs).sum();
  }

  private List<JsonNode> reportRows(String token, long campaignId, LocalDate start, LocalDate end)
      throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page = report(token, campaignId, start, end, offset);
      page.path("result").path("rows").forEach(rows::add);
      int total = page.path("pagination").path("totalCount").asInt();
      offset += page.path("result").path("rows").size();
      if (offset >= total) {
        return rows;
      }
    }
  }

  private JsonNode report(String token, long campaignId, LocalDate start, LocalDate end, int offset)
      throws Exception {
    return post(
        token, "/v1/reports/apps/searchterms/query", reportBody(campaignId, start, end, offset));
  }

  private static String reportBody(long campaignId, LocalDate start, LocalDate end, int offset) {
    return "{\"timeRange\":{\"start\":\""
        + start
        + "\",\"end\":\""
        + end
        + "\",\"timeZone\":\"ORTZ\",\"granularity\":\"DAILY\"},"
        + "\"filters\":[{\"field\":\"campaignId\",\"operator\":\"EQUALS\",\"value\":\""
        + campaignId
        + "\"}],\"groupBy\":[\"countryOrRegion\"],\"pagination\":{\"offset\":"
        + offset
        + ",\"pageSize\":1000}}";
  }

  private JsonNode post(String token, String path, String body) throws Exception {
    HttpResponse<byte[]> response = postResponse(token, path, body);
    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return MAPPER.readTree(response.body());
  }

  private HttpResponse<byte[]> postResponse(String token, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.appleAdsBaseUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("X-AP-Context", "adAccountId=3141592")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private String token() throws Exception {
    HttpResponse<byte[]> response = tokenResponse(secret(KEY_ID, TEAM_ID, 179));
    assertThat(response.statusCode()).isEqualTo(200);
    return MAPPER.readTree(response.body()).path("access_token").asText();
  }

  private String secret(String kid, String teamId, int days) {
    long now = Instant.now().getEpochSecond();
    ObjectNode payload = MAPPER.createObjectNode();
    payload.put("iss", teamId);
    payload.put("sub", CLIENT_ID);
    payload.put("aud", "https://appleid.apple.com");
    payload.put("iat", now);
    payload.put("exp", now + days * 86_400L);
    return TestTokens.sign(
        keyPair.getPrivate(), "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}", payload.toString());
  }

  private HttpResponse<byte[]> tokenResponse(String secret) throws Exception {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(Objects.requireNonNull(secret), StandardCharsets.UTF_8)
            + "&scope=searchadsorg";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.appleAdsTokenUrl()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
