package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportsAndInstancesTest {

  private static SandboxFixture sandbox;
  private static String requestId;

  @BeforeAll
  static void startSandbox() {
    // 20 days of history: processing dates 2024-12-31 .. 2025-01-20, 21 instances.
    sandbox =
        SandboxFixture.start(
            SandboxFixture.defaults().historyStart(SandboxFixture.TODAY.minusDays(21)));
    requestId = sandbox.ongoingRequestId("1000000001");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void reportsCoverAllCategories() {
    JsonNode reports = sandbox.getJson("/v1/analyticsReportRequests/" + requestId + "/reports");

    List<String> categories = new ArrayList<>();
    reports
        .path("data")
        .forEach(r -> categories.add(r.path("attributes").path("category").asText()));
    assertThat(categories)
        .contains(
            "APP_USAGE", "APP_STORE_ENGAGEMENT", "COMMERCE", "FRAMEWORK_USAGE", "PERFORMANCE");
    assertThat(reports.path("meta").path("paging").path("total").asInt())
        .isEqualTo(reports.path("data").size());
    assertThat(sandbox.reportId("1000000001", "App Downloads Standard"))
        .isEqualTo("r3-" + requestId);
    assertThat(sandbox.reportId("1000000001", "App Store Discovery and Engagement Standard"))
        .isEqualTo("r14-" + requestId);
  }

  @Test
  void reportsFilterByCategoryAndName() {
    String path = "/v1/analyticsReportRequests/" + requestId + "/reports";

    JsonNode commerce = sandbox.getJson(path + "?filter%5Bcategory%5D=COMMERCE");
    JsonNode named = sandbox.getJson(path + "?filter[name]=App%20Crashes");

    commerce
        .path("data")
        .forEach(
            r -> assertThat(r.path("attributes").path("category").asText()).isEqualTo("COMMERCE"));
    assertThat(commerce.path("data").size()).isGreaterThanOrEqualTo(4);
    assertThat(named.path("data").size()).isEqualTo(1);
    assertThat(named.path("data").get(0).path("attributes").path("name").asText())
        .isEqualTo("App Crashes");
  }

  @Test
  void wrongCategorySpellingIsInvalid() {
    HttpResponse<byte[]> response =
        sandbox.get(
            "/v1/analyticsReportRequests/"
                + requestId
                + "/reports?filter%5Bcategory%5D=APP_STORE_COMMERCE");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SandboxFixture.text(response))
        .isEqualTo(
            "{\"errors\":[{\"status\":\"400\",\"code\":\"PARAMETER_ERROR.INVALID\","
                + "\"title\":\"A parameter has an invalid value\","
                + "\"detail\":\"'APP_STORE_COMMERCE' is not a valid value for the parameter"
                + " 'filter[category]'. Valid values: APP_USAGE, APP_STORE_ENGAGEMENT, COMMERCE,"
                + " FRAMEWORK_USAGE, PERFORMANCE\","
                + "\"source\":{\"parameter\":\"filter[category]\"}}]}");
  }

  @Test
  void unknownFilterIsIllegal() {
    HttpResponse<byte[]> response =
        sandbox.get("/v1/analyticsReportRequests/" + requestId + "/reports?filter%5Bemaill%5D=x");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SandboxFixture.text(response))
        .isEqualTo(
            "{\"errors\":[{\"status\":\"400\",\"code\":\"PARAMETER_ERROR.ILLEGAL\","
                + "\"title\":\"A given parameter is not allowed for this request\","
                + "\"detail\":\"'emaill' is not a valid filter type\","
                + "\"source\":{\"parameter\":\"filter[emaill]\"}}]}");
  }

  @Test
  void instancesPageWithLimitAndNextLinks() {
    String reportId = "r3-" + requestId;
    String first =
        sandbox.server.baseUrl()
            + "/v1/analyticsReports/"
            + reportId
            + "/instances?limit=5&filter%5Bgranularity%5D=DAILY";

    List<String> processingDates = new ArrayList<>();
    List<String> nextLinks = new ArrayList<>();
    String next = first;
    while (next != null) {
      JsonNode page = sandbox.getJson(next);
      assertThat(page.path("meta").path("paging").path("total").asInt()).isEqualTo(21);
      assertThat(page.path("meta").path("paging").path("limit").asInt()).isEqualTo(5);
      assertThat(page.path("links").path("self").asText()).isEqualTo(next);
      assertThat(page.path("data").size()).isLessThanOrEqualTo(5);
      page.path("data")
          .forEach(i -> processingDates.add(i.path("attributes").path("processingDate").asText()));
      next = page.path("links").has("next") ? page.path("links").path("next").asText() : null;
      if (next != null) {
        nextLinks.add(next);
      }
    }

    assertThat(processingDates).hasSize(21).isSorted().doesNotHaveDuplicates();
    assertThat(processingDates.get(0)).isEqualTo("2024-12-31");
    assertThat(processingDates.get(20)).isEqualTo("2025-01-20");
    assertThat(nextLinks).hasSize(4);
    assertThat(nextLinks.get(0))
        .startsWith(
            sandbox.server.baseUrl() + "/v1/analyticsReports/" + reportId + "/instances?cursor=")
        .endsWith("&limit=5&filter%5Bgranularity%5D=DAILY");
  }

  @Test
  void instanceResourcesHaveApplesShape() {
    JsonNode instance = sandbox.instances("r3-" + requestId).get(0);
    String id = instance.path("id").asText();
    String base = sandbox.server.baseUrl();

    assertThat(instance.path("type").asText()).isEqualTo("analyticsReportInstances");
    assertThat(instance.path("attributes").path("granularity").asText()).isEqualTo("DAILY");
    assertThat(instance.path("links").path("self").asText())
        .isEqualTo(base + "/v1/analyticsReportInstances/" + id);
    assertThat(
            instance.path("relationships").path("segments").path("links").path("related").asText())
        .isEqualTo(base + "/v1/analyticsReportInstances/" + id + "/segments");
    assertThat(
            sandbox.getJson("/v1/analyticsReportInstances/" + id).path("data").path("id").asText())
        .isEqualTo(id);
  }

  @Test
  void limitAbove200IsInvalid() {
    HttpResponse<byte[]> response =
        sandbox.get("/v1/analyticsReports/r3-" + requestId + "/instances?limit=201");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = SandboxFixture.json(response).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(error.path("source").path("parameter").asText()).isEqualTo("limit");
    assertThat(error.path("detail").asText())
        .isEqualTo(
            "'201' is not a valid value for the parameter 'limit'. The value must be an integer"
                + " from 1 to 200");
    assertThat(
            sandbox
                .get("/v1/analyticsReports/r3-" + requestId + "/instances?limit=200")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void defaultLimitIs50() {
    JsonNode page = sandbox.getJson("/v1/analyticsReports/r3-" + requestId + "/instances");

    assertThat(page.path("meta").path("paging").path("limit").asInt()).isEqualTo(50);
    assertThat(page.path("links").has("next")).isFalse();
  }

  @Test
  void foreignCursorIsInvalid() {
    HttpResponse<byte[]> response =
        sandbox.get("/v1/analyticsReports/r3-" + requestId + "/instances?cursor=AQ.bogus");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(
            SandboxFixture.json(response)
                .path("errors")
                .get(0)
                .path("source")
                .path("parameter")
                .asText())
        .isEqualTo("cursor");
  }

  @Test
  void instancesFilterByProcessingDateAndGranularity() {
    String path = "/v1/analyticsReports/r14-" + requestId + "/instances";

    JsonNode oneDay =
        sandbox.getJson(
            path + "?filter%5BprocessingDate%5D=2025-01-15&filter%5Bgranularity%5D=DAILY");
    JsonNode weekly = sandbox.getJson(path + "?filter%5Bgranularity%5D=WEEKLY");
    HttpResponse<byte[]> badGranularity = sandbox.get(path + "?filter%5Bgranularity%5D=HOURLY");
    HttpResponse<byte[]> badDate = sandbox.get(path + "?filter%5BprocessingDate%5D=15.01.2025");

    assertThat(oneDay.path("data").size()).isEqualTo(1);
    assertThat(oneDay.path("data").get(0).path("attributes").path("processingDate").asText())
        .isEqualTo("2025-01-15");
    // History from Monday 2024-12-30: the Fridays 2025-01-10 and 2025-01-17 publish full weeks.
    assertThat(weekly.path("data").size()).isEqualTo(2);
    assertThat(weekly.path("data").get(0).path("attributes").path("processingDate").asText())
        .isEqualTo("2025-01-10");
    assertThat(weekly.path("data").get(1).path("attributes").path("granularity").asText())
        .isEqualTo("WEEKLY");
    assertThat(badGranularity.statusCode()).isEqualTo(400);
    assertThat(badDate.statusCode()).isEqualTo(400);
  }

  @Test
  void reportsWithoutDataListNoInstances() {
    JsonNode streaming = sandbox.getJson("/v1/analyticsReports/r19-" + requestId + "/instances");

    assertThat(streaming.path("data").size()).isZero();
    assertThat(streaming.path("meta").path("paging").path("total").asInt()).isZero();
  }

  @Test
  void unknownReportIsNotFound() {
    HttpResponse<byte[]> response = sandbox.get("/v1/analyticsReports/r999-" + requestId);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(SandboxFixture.json(response).path("errors").get(0).path("code").asText())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void instancesOlderThan35DaysAreGone() {
    try (SandboxFixture old =
        SandboxFixture.start(
            SandboxFixture.defaults().historyStart(SandboxFixture.TODAY.minusDays(60)))) {
      List<JsonNode> instances =
          old.instances(old.reportId("1000000001", "App Downloads Standard"));

      assertThat(instances).hasSize(35);
      assertThat(instances.get(0).path("attributes").path("processingDate").asText())
          .isEqualTo(SandboxFixture.TODAY.minusDays(34).toString());
      assertThat(old.server.groundTruth().metricDates().get(0))
          .isEqualTo(SandboxFixture.TODAY.minusDays(37));
    }
  }

  @Test
  void movingTheClockAddsAnInstance() {
    try (SandboxFixture moving = SandboxFixture.start(SandboxFixture.defaults())) {
      String reportId = moving.reportId("1000000002", "App Downloads Standard");
      int before = moving.instances(reportId).size();

      moving.server.setToday(SandboxFixture.TODAY.plusDays(1));

      List<JsonNode> after = moving.instances(reportId);
      assertThat(after).hasSize(before + 1);
      assertThat(after.get(after.size() - 1).path("attributes").path("processingDate").asText())
          .isEqualTo("2025-01-21");
    }
  }

  @Test
  void newRequestWaitsForItsFirstInstance() {
    try (SandboxFixture delayed =
        SandboxFixture.start(
            SandboxFixture.defaults().ongoingRequestsAtStart(false).firstInstanceDelayDays(2))) {
      JsonNode created =
          SandboxFixture.json(
              delayed.post(
                  "/v1/analyticsReportRequests",
                  "{\"data\":{\"type\":\"analyticsReportRequests\",\"attributes\":"
                      + "{\"accessType\":\"ONGOING\"},\"relationships\":{\"app\":{\"data\":"
                      + "{\"type\":\"apps\",\"id\":\"1000000001\"}}}}}"));
      String reportId = "r3-" + created.path("data").path("id").asText();
      assertThat(delayed.instances(reportId)).isEmpty();

      delayed.server.setToday(SandboxFixture.TODAY.plusDays(2));

      List<JsonNode> instances = delayed.instances(reportId);
      assertThat(instances).hasSize(1);
      assertThat(instances.get(0).path("attributes").path("processingDate").asText())
          .isEqualTo(LocalDate.of(2025, 1, 22).toString());
    }
  }

  @Test
  void stoppedRequestListsNoNewInstances() {
    try (SandboxFixture stopping = SandboxFixture.start(SandboxFixture.defaults())) {
      String id = stopping.ongoingRequestId("1000000003");
      int before = stopping.instances("r3-" + id).size();

      stopping.server.markStoppedDueToInactivity(id);
      stopping.server.setToday(SandboxFixture.TODAY.plusDays(3));

      assertThat(stopping.instances("r3-" + id)).hasSize(before);
    }
  }
}
