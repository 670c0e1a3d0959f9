package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AnalyticsRequestsTest {

  private static final String CONFLICT_BODY =
      "{\"errors\":[{\"status\":\"409\",\"code\":\"STATE_ERROR\","
          + "\"title\":\"The request cannot be fulfilled because of the state of another"
          + " resource.\",\"detail\":\"You already have such an entity\"}]}";

  private static String createBody(String accessType, String appId) {
    return "{\"data\":{\"type\":\"analyticsReportRequests\","
        + "\"attributes\":{\"accessType\":\""
        + accessType
        + "\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\""
        + appId
        + "\"}}}}}";
  }

  @Test
  void requestLifecycleFollowsApple() {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().ongoingRequestsAtStart(false))) {
      String listPath = "/v1/apps/1000000001/analyticsReportRequests";
      assertThat(sandbox.getJson(listPath).path("data").size()).isZero();

      HttpResponse<byte[]> created =
          sandbox.post("/v1/analyticsReportRequests", createBody("ONGOING", "1000000001"));
      assertThat(created.statusCode()).as(SandboxFixture.text(created)).isEqualTo(201);
      JsonNode resource = SandboxFixture.json(created).path("data");
      String id = resource.path("id").asText();
      String base = sandbox.server.baseUrl();
      assertThat(resource.path("type").asText()).isEqualTo("analyticsReportRequests");
      assertThat(resource.path("attributes").path("accessType").asText()).isEqualTo("ONGOING");
      assertThat(resource.path("attributes").path("stoppedDueToInactivity").asBoolean()).isFalse();
      assertThat(resource.path("links").path("self").asText())
          .isEqualTo(base + "/v1/analyticsReportRequests/" + id);
      assertThat(
              resource.path("relationships").path("reports").path("links").path("related").asText())
          .isEqualTo(base + "/v1/analyticsReportRequests/" + id + "/reports");
      assertThat(created.headers().firstValue("Location"))
          .hasValue(base + "/v1/analyticsReportRequests/" + id);

      JsonNode list = sandbox.getJson(listPath);
      assertThat(list.path("data").size()).isEqualTo(1);
      assertThat(list.path("data").get(0).path("id").asText()).isEqualTo(id);
      assertThat(list.path("meta").path("paging").path("total").asInt()).isEqualTo(1);

      HttpResponse<byte[]> duplicate =
          sandbox.post("/v1/analyticsReportRequests", createBody("ONGOING", "1000000001"));
      assertThat(duplicate.statusCode()).isEqualTo(409);
      assertThat(SandboxFixture.text(duplicate)).isEqualTo(CONFLICT_BODY);

      sandbox.server.markStoppedDueToInactivity(id);
      JsonNode stopped = sandbox.getJson("/v1/analyticsReportRequests/" + id);
      assertThat(stopped.path("data").path("attributes").path("stoppedDueToInactivity").asBoolean())
          .isTrue();
      HttpResponse<byte[]> whileStopped =
          sandbox.post("/v1/analyticsReportRequests", createBody("ONGOING", "1000000001"));
      assertThat(whileStopped.statusCode()).as("a stopped request still blocks").isEqualTo(409);

      assertThat(sandbox.delete("/v1/analyticsReportRequests/" + id).statusCode()).isEqualTo(204);
      HttpResponse<byte[]> afterDelete = sandbox.get("/v1/analyticsReportRequests/" + id);
      assertThat(afterDelete.statusCode()).isEqualTo(404);
      assertThat(SandboxFixture.text(afterDelete))
          .isEqualTo(
              "{\"errors\":[{\"status\":\"404\",\"code\":\"NOT_FOUND\","
                  + "\"title\":\"The specified resource does not exist\","
                  + "\"detail\":\"There is no resource of type 'analyticsReportRequests' with id '"
                  + id
                  + "'\"}]}");
      assertThat(sandbox.delete("/v1/analyticsReportRequests/" + id).statusCode()).isEqualTo(404);

      HttpResponse<byte[]> again =
          sandbox.post("/v1/analyticsReportRequests", createBody("ONGOING", "1000000001"));
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(SandboxFixture.json(again).path("data").path("id").asText()).isNotEqualTo(id);
    }
  }

  @Test
  void snapshotAndOngoingCoexist() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      HttpResponse<byte[]> snapshot =
          sandbox.post(
              "/v1/analyticsReportRequests", createBody("ONE_TIME_SNAPSHOT", "1000000002"));
      assertThat(snapshot.statusCode()).isEqualTo(201);

      String path = "/v1/apps/1000000002/analyticsReportRequests";
      assertThat(sandbox.getJson(path).path("data").size()).isEqualTo(2);
      JsonNode ongoing = sandbox.getJson(path + "?filter[accessType]=ONGOING");
      assertThat(ongoing.path("data").size()).isEqualTo(1);
      assertThat(ongoing.path("data").get(0).path("attributes").path("accessType").asText())
          .isEqualTo("ONGOING");

      HttpResponse<byte[]> invalid = sandbox.get(path + "?filter%5BaccessType%5D=WEEKLY");
      assertThat(invalid.statusCode()).isEqualTo(400);
      JsonNode error = SandboxFixture.json(invalid).path("errors").get(0);
      assertThat(error.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
      assertThat(error.path("source").path("parameter").asText()).isEqualTo("filter[accessType]");
    }
  }

  @Test
  void requestIdsAreTheSameAfterARestart() {
    String first;
    String second;
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      first = sandbox.ongoingRequestId("1000000003");
    }
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      second = sandbox.ongoingRequestId("1000000003");
      assertThat(sandbox.get("/v1/analyticsReportRequests/" + first).statusCode()).isEqualTo(200);
    }

    assertThat(second).isEqualTo(first);
    assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void includeReportsAddsLinkageAndIncludedResources() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String id = sandbox.ongoingRequestId("1000000001");

      JsonNode document =
          sandbox.getJson(
              "/v1/analyticsReportRequests/" + id + "?include=reports&limit[reports]=3");

      JsonNode linkage = document.path("data").path("relationships").path("reports").path("data");
      assertThat(linkage.size()).isEqualTo(3);
      assertThat(document.path("included").size()).isEqualTo(3);
      assertThat(document.path("included").get(1).path("id").asText()).isEqualTo("r3-" + id);
      assertThat(document.path("included").get(1).path("attributes").path("name").asText())
          .isEqualTo("App Downloads Standard");
    }
  }

  @Test
  void invalidCreateBodiesAreRejected() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      assertError(
          sandbox.post("/v1/analyticsReportRequests", "{not json"), 400, "ENTITY_INVALID", null);
      assertError(
          sandbox.post("/v1/analyticsReportRequests", "{\"date\":{}}"),
          422,
          "ENTITY_UNPROCESSABLE",
          "/data");
      assertError(
          sandbox.post(
              "/v1/analyticsReportRequests",
              "{\"data\":{\"type\":\"analyticsReportRequests\",\"attributes\":{},"
                  + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\","
                  + "\"id\":\"1000000001\"}}}}}"),
          422,
          "ENTITY_UNPROCESSABLE",
          "/data/attributes/accessType");
      assertError(
          sandbox.post("/v1/analyticsReportRequests", createBody("DAILY", "1000000001")),
          422,
          "ENTITY_UNPROCESSABLE",
          "/data/attributes/accessType");
      assertError(
          sandbox.post("/v1/analyticsReportRequests", createBody("ONGOING", "999")),
          422,
          "ENTITY_UNPROCESSABLE",
          "/data/relationships/app/data/id");
      assertError(
          sandbox.post(
              "/v1/analyticsReportRequests",
              createBody("ONGOING", "1000000001").replace("analyticsReportRequests", "apps")),
          422,
          "ENTITY_UNPROCESSABLE",
          "/data/type");
    }
  }

  @Test
  void collectionOfRequestsCannotBeListed() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      HttpResponse<byte[]> response = sandbox.get("/v1/analyticsReportRequests");

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
      assertThat(SandboxFixture.json(response).path("errors").get(0).path("code").asText())
          .isEqualTo("METHOD_NOT_ALLOWED");
    }
  }

  @Test
  void requestsOfUnknownAppAreNotFound() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      HttpResponse<byte[]> response = sandbox.get("/v1/apps/42/analyticsReportRequests");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(SandboxFixture.json(response).path("errors").get(0).path("detail").asText())
          .isEqualTo("There is no resource of type 'apps' with id '42'");
    }
  }

  private static void assertError(
      HttpResponse<byte[]> response, int status, String code, String pointer) {
    String body = SandboxFixture.text(response);
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    JsonNode error = SandboxFixture.json(response).path("errors").get(0);
    assertThat(error.path("status").asText()).isEqualTo(Integer.toString(status));
    assertThat(error.path("code").asText()).as(body).isEqualTo(code);
    if (pointer != null) {
      assertThat(error.path("source").path("pointer").asText()).as(body).isEqualTo(pointer);
    }
  }
}
