package io.appstoreetl.extractor.analytics;

import static io.appstoreetl.extractor.testing.AppleDocuments.page;
import static io.appstoreetl.extractor.testing.AppleDocuments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestOngoingRequestResolver {
  private static final String APP = "1000000001";
  private static final String LIST =
      "GET /v1/apps/1000000001/analyticsReportRequests?filter[accessType]=ONGOING";
  private static final String CREATE = "POST /v1/analyticsReportRequests";
  private static final String REGISTRY =
      "analytics_requests/registry/app_id=1000000001/ongoing.json";

  @TempDir Path root;

  private FakeAppStoreConnect server;
  private RawZone rawZone;
  private OngoingRequestRegistry registry;
  private OngoingRequestResolver resolver;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    MutableClock clock = new MutableClock(Instant.parse("2025-01-10T06:00:00Z"));
    rawZone = new RawZone(root, TestSupport.MAPPER);
    registry = new OngoingRequestRegistry(rawZone, clock);
    resolver =
        new OngoingRequestResolver(
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
    registry.save(APP, "req-A");
    byte[] before = Files.readAllBytes(root.resolve(REGISTRY));
    server.on(
        LIST,
        Reply.json(
            200,
            page(null, request("req-B", "ONGOING", false), request("req-A", "ONGOING", false))));

    String id = resolver.resolve(APP);

    assertThat(id).isEqualTo("req-A");
    assertThat(server.requests("POST", "/v1/analyticsReportRequests")).isEmpty();
    assertThat(Files.readAllBytes(root.resolve(REGISTRY))).isEqualTo(before);
  }

  @Test
  void registeredRequestMissingFromListAdoptsListedOne() throws IOException {
    registry.save(APP, "req-old");
    server.on(
        LIST,
        Reply.json(
            200,
            page(
                null,
                request("req-stopped", "ONGOING", true),
                request("req-B", "ONGOING", false))));

    String id = resolver.resolve(APP);

    assertThat(id).isEqualTo("req-B");
    assertThat(server.requests("POST", "/v1/analyticsReportRequests")).isEmpty();
    assertThat(registry.read(APP)).contains("req-B");
  }

  @Test
  void noActiveRequestCreatesOne() throws IOException {
    server.on(LIST, Reply.json(200, page(null, request("req-stopped", "ONGOING", true))));
    server.on(
        CREATE, Reply.json(201, AppleDocuments.created("d48c69c5-9bcb-4592-abbd-08a9411b0231")));

    String id = resolver.resolve(APP);

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

    String id = resolver.resolve(APP);

    assertThat(id).isEqualTo("A157dd7a-4fe2-479b-8d25-a8e4228c5b81");
    assertThat(server.requests("GET", "/v1/apps/1000000001/analyticsReportRequests")).hasSize(2);
    assertThat(registry.read(APP)).contains("A157dd7a-4fe2-479b-8d25-a8e4228c5b81");
  }

  @Test
  void conflictWithNothingToAdoptFails() {
    server.on(LIST, Reply.json(200, page(null, request("req-stopped", "ONGOING", true))));
    server.on(CREATE, Reply.error(409, "STATE_ERROR", "You already have such an entity"));

    assertThatThrownBy(() -> resolver.resolve(APP))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage(
            "Cannot create an ONGOING analytics report request for app 1000000001: Apple answered"
                + " 409 (You already have such an entity) but lists no active ONGOING request; a"
                + " request stopped for inactivity blocks creation until it is deleted");
    assertThat(Files.exists(root.resolve(REGISTRY))).isFalse();
  }

  @Test
  void snapshotRequestsAreNotAdopted() throws IOException {
    server.on(LIST, Reply.json(200, page(null, request("snap-1", "ONE_TIME_SNAPSHOT", false))));
    server.on(CREATE, Reply.json(201, AppleDocuments.created("req-new")));

    assertThat(resolver.resolve(APP)).isEqualTo("req-new");
  }
}
