package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlEndpointsTest {

  private static final TypeReference<List<Map<String, String>>> ROWS = new TypeReference<>() {};

  @Test
  void keyRegisteredOverHttpIsAccepted() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      KeyPair key = TestTokens.newKeyPair();
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes())
                  .encodeToString(key.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n";
      long now = Instant.now().getEpochSecond();
      String token =
          TestTokens.sign(
              key.getPrivate(),
              TestTokens.header("ES256", "HTTPKEY001"),
              TestTokens.teamPayload("issuer-over-http", now, now + 600));
      assertThat(sandbox.getWithToken("/v1/apps", token).statusCode()).isEqualTo(401);

      String body =
          SandboxFixture.MAPPER
              .createObjectNode()
              .put("keyId", "HTTPKEY001")
              .put("issuerId", "issuer-over-http")
              .put("publicKeyPem", pem)
              .toString();
      HttpResponse<byte[]> registered = sandbox.postUnauthenticated("/sandbox/keys", body);

      assertThat(registered.statusCode()).isEqualTo(204);
      assertThat(sandbox.getWithToken("/v1/apps", token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void invalidPemIsRejected() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      HttpResponse<byte[]> response =
          sandbox.postUnauthenticated(
              "/sandbox/keys",
              "{\"keyId\":\"K\",\"issuerId\":\"I\",\"publicKeyPem\":\"not a key\"}");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(SandboxFixture.json(response).path("errors").get(0).path("detail").asText())
          .startsWith("Invalid publicKeyPem: not a PEM-encoded X.509 SubjectPublicKeyInfo");
    }
  }

  @Test
  void clockMovesOverHttp() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      HttpResponse<byte[]> moved =
          sandbox.postUnauthenticated("/sandbox/clock", "{\"today\":\"2025-01-25\"}");
      HttpResponse<byte[]> tooEarly =
          sandbox.postUnauthenticated("/sandbox/clock", "{\"today\":\"2024-01-01\"}");

      assertThat(moved.statusCode()).isEqualTo(200);
      assertThat(SandboxFixture.json(moved).path("today").asText()).isEqualTo("2025-01-25");
      assertThat(sandbox.server.today()).isEqualTo(LocalDate.of(2025, 1, 25));
      assertThat(tooEarly.statusCode()).isEqualTo(400);
      assertThat(SandboxFixture.json(tooEarly).path("errors").get(0).path("detail").asText())
          .isEqualTo(
              "Invalid today: 2024-01-01 (expected a date on or after the history start,"
                  + " 2025-01-10)");
    }
  }

  @Test
  void groundTruthOverHttpMatches() throws IOException {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      GroundTruth truth = sandbox.server.groundTruth();
      LocalDate date = LocalDate.of(2025, 1, 16);

      HttpResponse<byte[]> analytics =
          sandbox.download(
              sandbox.server.baseUrl()
                  + "/sandbox/ground-truth?app_id=1000000002"
                  + "&report=App%20Store%20Discovery%20and%20Engagement%20Standard&date="
                  + date);
      LocalDate salesDay = truth.isNoSalesDay(date) ? date.minusDays(1) : date;
      HttpResponse<byte[]> sales =
          sandbox.download(
              sandbox.server.baseUrl() + "/sandbox/ground-truth/sales?date=" + salesDay);
      JsonNode metricDates =
          SandboxFixture.json(
              sandbox.download(sandbox.server.baseUrl() + "/sandbox/ground-truth/metric-dates"));

      assertThat(SandboxFixture.MAPPER.readValue(analytics.body(), ROWS))
          .isEqualTo(
              truth.analyticsRows(
                  "1000000002", "App Store Discovery and Engagement Standard", date));
      assertThat(SandboxFixture.text(analytics)).startsWith("[{\"Date\":\"2025-01-16\",");
      assertThat(SandboxFixture.MAPPER.readValue(sales.body(), ROWS))
          .isEqualTo(truth.salesRows(salesDay));
      assertThat(metricDates.size()).isEqualTo(10);
    }
  }

  @Test
  void statusAndFaultSwitchesOverHttp() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String requestId = sandbox.ongoingRequestId("1000000001");

      JsonNode status =
          SandboxFixture.json(sandbox.download(sandbox.server.baseUrl() + "/sandbox/status"));
      HttpResponse<byte[]> stopped =
          sandbox.postUnauthenticated("/sandbox/requests/" + requestId + "/stop", "");
      HttpResponse<byte[]> failing =
          sandbox.postUnauthenticated("/sandbox/faults/fail-api-calls", "{\"count\":1}");

      assertThat(status.path("baseUrl").asText()).isEqualTo(sandbox.server.baseUrl());
      assertThat(status.path("today").asText()).isEqualTo("2025-01-20");
      assertThat(status.path("vendorNumber").asText()).isEqualTo("80000001");
      assertThat(status.path("appIds").toString())
          .isEqualTo("[\"1000000001\",\"1000000002\",\"1000000003\"]");
      assertThat(stopped.statusCode()).isEqualTo(204);
      assertThat(failing.statusCode()).isEqualTo(204);
      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(500);
      assertThat(
              sandbox
                  .getJson("/v1/analyticsReportRequests/" + requestId)
                  .path("data")
                  .path("attributes")
                  .path("stoppedDueToInactivity")
                  .asBoolean())
          .isTrue();
    }
  }
}
