package io.appstoreetl.extractor.analytics;

import static io.appstoreetl.extractor.testing.AppleDocuments.page;
import static io.appstoreetl.extractor.testing.AppleDocuments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.ApiException;
import io.appstoreetl.extractor.http.NonRetryableIOException;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.testing.AppleDocuments;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRequestResolver {
  private static final String APP = "1000000001";
  private static final String LIST =
      "GET /v1/apps/1000000001/analyticsReportRequests?filter[accessType]=ONGOING";
  private static final String CREATE = "POST /v1/analyticsReportRequests";
  private static final String REGISTRY =
      "analytics_requests/registry/app_id=1000000001/ongoing.json";

  @TempDir Path root;

  private FakeAppStoreConnect server;
  private RawZone rawZone;
  private RequestRegistry registry;
  private RequestResolver resolver;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    MutableClock clock = new MutableClock(Instant.parse("2025-01-10T06:00:00Z"));
    rawZone = new RawZone(root, TestSupport.MAPPER);
    registry = new RequestRegistry(rawZone, clock);
    resolver =
        new RequestResolver(
            TestSupport.client(
                server.baseUrl(),
                new TestSupport.CountingTokens(),
                TestSupport.fastRetry(new TestSupport.RecordingSleeper()),
                clock),
            registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void registeredRequestStillListedIsKept() throws IOException {
    registry.save(APP, AccessType.ONGOING, "req-A");
    byte[] before = Files.readAllBytes(root.resolve(REGISTRY));
    server.on(
        LIST,
        Reply.json(
            200,
            page(null, request("req-B", "ONGOING", false), request("req-A", "ONGOING", false))));

    String id = resolver.resolve(APP, AccessType.ONGOING).id();

    assertThat(id).isEqualTo("req-A");
    assertThat(server.requests("POST", "/v1/analyticsReportRequests")).isEmpty();
    assertThat(Files.readAllBytes(root.resolve(REGISTRY))).isEqualTo(before);
  }

  @Test
  void registeredRequestMissingFromListAdoptsListedOne() throws IOException {
    registry.save(APP, AccessType.ONGOING, "req-old");
    server.on(
        LIST,
        Reply.json(
            200,
            page(
                null,
                request("req-stopped", "ONGOING", true),
                request("req-B", "ONGOING", false))));

    String id = resolver.resolve(APP, AccessType.ONGOING).id();

    assertThat(id).isEqualTo("req-B");
    assertThat(server.requests("POST", "/v1/analyticsReportRequests")).isEmpty();
    assertThat(registry.read(APP, AccessType.ONGOING)).contains("req-B");
  }

  @Test
  void noActiveRequestCreatesOne() throws IOException {
    server.on(LIST, Reply.json(200, page(null)));
    server.on(
        CREATE, Reply.json(201, AppleDocuments.created("d48c69c5-9bcb-4592-abbd-08a9411b0231")));

    String id = resolver.resolve(APP, AccessType.ONGOING).id();

    assertThat(id).isEqualTo("d48c69c5-9bcb-4592-abbd-08a9411b0231");
    JsonNode body =
        TestSupport.MAPPER.readTree(
            server.requests("POST", "/v1/analyticsReportRequests").get(0).body());
    assertThat(body)
        .isEqualTo(
            TestSupport.MAPPER.readTree(
                "{\"data\":{\"type\":\"analyticsReportRequests\","
                    + "\"attributes\":{\"accessType\":\"ONGOING\"},"
                    + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"1000000001\"}}}}}"));
    JsonNode saved = TestSupport.MAPPER.readTree(root.resolve(REGISTRY).toFile());
    assertThat(saved.path("app_id").asText()).isEqualTo(APP);
    assertThat(saved.path("request_id").asText()).isEqualTo("d48c69c5-9bcb-4592-abbd-08a9411b0231");
    assertThat(saved.path("access_type").asText()).isEqualTo("ONGOING");
    assertThat(saved.path("updated_at").asText()).isEqualTo("2025-01-10T06:00:00.000Z");
    assertThat(saved.size()).isEqualTo(4);
  }

  @Test
  void conflictOnCreateListsAgainAndAdopts() throws IOException {
    server.on(
        LIST,
        Reply.json(200, page(null)),
        Reply.json(
            200, page(null, request("A157dd7a-4fe2-479b-8d25-a8e4228c5b81", "ONGOING", false))));
    server.on(CREATE, Reply.error(409, "STATE_ERROR", "You already have such an entity"));

    String id = resolver.resolve(APP, AccessType.ONGOING).id();

    assertThat(id).isEqualTo("A157dd7a-4fe2-479b-8d25-a8e4228c5b81");
    assertThat(server.requests("GET", "/v1/apps/1000000001/analyticsReportRequests")).hasSize(2);
    assertThat(registry.read(APP, AccessType.ONGOING))
        .contains("A157dd7a-4fe2-479b-8d25-a8e4228c5b81");
  }

  @Test
  void conflictWithNothingToAdoptFails() {
    server.on(LIST, Reply.json(200, page(null)));
    server.on(CREATE, Reply.error(409, "STATE_ERROR", "You already have such an entity"));

    assertThatThrownBy(() -> resolver.resolve(APP, AccessType.ONGOING))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage(
            "Cannot create an analytics report request (ONGOING) for app 1000000001: Apple answered"
                + " 409 (You already have such an entity) but lists no request to use");
    assertThat(Files.exists(root.resolve(REGISTRY))).isFalse();
  }

  @Test
  void stoppedRequestIsDeletedAndCreatedAgain() throws IOException {
    registry.save(APP, AccessType.ONGOING, "req-stopped");
    server.on(LIST, Reply.json(200, page(null, request("req-stopped", "ONGOING", true))));
    server.on(
        "DELETE /v1/analyticsReportRequests/req-stopped", new Reply(204, Map.of(), new byte[0]));
    server.on(CREATE, Reply.json(201, AppleDocuments.created("req-new")));

    RequestResolver.Resolved resolved = resolver.resolve(APP, AccessType.ONGOING);

    assertThat(resolved).isEqualTo(new RequestResolver.Resolved("req-new", true));
    List<String> calls = server.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    assertThat(calls)
        .containsExactly(
            "GET /v1/apps/1000000001/analyticsReportRequests",
            "DELETE /v1/analyticsReportRequests/req-stopped",
            "POST /v1/analyticsReportRequests");
    assertThat(registry.read(APP, AccessType.ONGOING)).contains("req-new");
  }

  @Test
  void forbiddenListingFallsBackToRegistry() throws IOException {
    registry.save(APP, AccessType.ONGOING, "req-A");
    server.on(
        LIST,
        Reply.error(403, "FORBIDDEN_ERROR", "The API key in use does not allow this request"));

    RequestResolver.Resolved resolved = resolver.resolve(APP, AccessType.ONGOING);

    assertThat(resolved).isEqualTo(new RequestResolver.Resolved("req-A", false));
    assertThat(server.requests("POST", "/v1/analyticsReportRequests")).isEmpty();
  }

  @Test
  void forbiddenListingWithoutRegistryFails() {
    server.on(
        LIST,
        Reply.error(403, "FORBIDDEN_ERROR", "The API key in use does not allow this request"));

    assertThatThrownBy(() -> resolver.resolve(APP, AccessType.ONGOING))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("HTTP 403 FORBIDDEN_ERROR");
  }

  @Test
  void existingSnapshotIsReusedEvenIfStopped() throws IOException {
    server.on(
        "GET /v1/apps/1000000001/analyticsReportRequests?filter[accessType]=ONE_TIME_SNAPSHOT",
        Reply.json(200, page(null, request("snap-1", "ONE_TIME_SNAPSHOT", true))));

    RequestResolver.Resolved resolved = resolver.resolve(APP, AccessType.ONE_TIME_SNAPSHOT);

    assertThat(resolved).isEqualTo(new RequestResolver.Resolved("snap-1", false));
    assertThat(server.requests("POST", "/v1/analyticsReportRequests")).isEmpty();
    assertThat(server.requests("DELETE", "/v1/analyticsReportRequests/snap-1")).isEmpty();
    assertThat(registry.read(APP, AccessType.ONE_TIME_SNAPSHOT)).contains("snap-1");
    assertThat(
            Files.exists(
                root.resolve("analytics_requests/registry/app_id=1000000001/snapshot.json")))
        .isTrue();
  }

  @Test
  void missingSnapshotIsCreated() throws IOException {
    server.on(
        "GET /v1/apps/1000000001/analyticsReportRequests?filter[accessType]=ONE_TIME_SNAPSHOT",
        Reply.json(200, page(null)));
    server.on(CREATE, Reply.json(201, AppleDocuments.created("snap-new")));

    RequestResolver.Resolved resolved = resolver.resolve(APP, AccessType.ONE_TIME_SNAPSHOT);

    assertThat(resolved).isEqualTo(new RequestResolver.Resolved("snap-new", true));
    JsonNode body =
        TestSupport.MAPPER.readTree(
            server.requests("POST", "/v1/analyticsReportRequests").get(0).body());
    assertThat(body.at("/data/attributes/accessType").asText()).isEqualTo("ONE_TIME_SNAPSHOT");
  }

  @Test
  void snapshotRequestsAreNotAdopted() throws IOException {
    server.on(LIST, Reply.json(200, page(null, request("snap-1", "ONE_TIME_SNAPSHOT", false))));
    server.on(CREATE, Reply.json(201, AppleDocuments.created("req-new")));

    assertThat(resolver.resolve(APP, AccessType.ONGOING).id()).isEqualTo("req-new");
  }
}
