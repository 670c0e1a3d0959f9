package io.appstoreetl.extractor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestJsonApiPager {
  private FakeAppStoreConnect server;
  private AppStoreConnectClient client;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    client =
        TestSupport.client(
            server.baseUrl(),
            new TestSupport.CountingTokens(),
            TestSupport.fastRetry(new TestSupport.RecordingSleeper()),
            new MutableClock(Instant.parse("2025-01-10T06:00:00Z")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void followsLinksNextVerbatim() throws IOException {
    String next =
        server.baseUrl() + "/v1/items?cursor=Aw.VGkW1w&limit=1&filter%5Bgranularity%5D=DAILY";
    server.on("GET /v1/items?filter[granularity]=DAILY&limit=1", Reply.json(200, page("a", next)));
    server.on(
        "GET /v1/items?cursor=Aw.VGkW1w&limit=1&filter[granularity]=DAILY",
        Reply.json(200, page("b", null)));

    List<JsonNode> items =
        JsonApiPager.fetchAll(client, "/v1/items?filter[granularity]=DAILY&limit=1");

    assertThat(items).extracting(item -> item.path("id").asText()).containsExactly("a", "b");
    assertThat(server.requests("GET", "/v1/items").get(1).rawQuery())
        .isEqualTo("cursor=Aw.VGkW1w&limit=1&filter%5Bgranularity%5D=DAILY");
  }

  @Test
  void nextUrlVisitedBeforeIsRejected() {
    String first = server.baseUrl() + "/v1/items?cursor=AQ";
    server.on("GET /v1/items", Reply.json(200, page("a", first)));

    assertThatThrownBy(() -> JsonApiPager.fetchAll(client, "/v1/items"))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage("Cannot follow links.next of " + first + ": " + first + " was already visited");
    assertThat(server.requests("GET", "/v1/items")).hasSize(2);
  }

  @Test
  void hugePageIsRejected() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"items\",\"id\":\"")
          .append(i)
          .append("\"}");
    }
    server.on("GET /v1/items", Reply.json(200, "{\"data\":[" + items + "],\"links\":{}}"));

    assertThatThrownBy(() -> JsonApiPager.fetchAll(client, "/v1/items"))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage(
            "Invalid response to GET "
                + server.baseUrl()
                + "/v1/items: a page of 100000 items (expected at most 200)");
    assertThat(server.requests("GET", "/v1/items")).hasSize(1);
  }

  @Test
  void bodyWithoutDataArrayIsRejected() {
    server.on("GET /v1/items", Reply.json(200, "{\"errors\":[]}"));

    assertThatThrownBy(() -> JsonApiPager.fetchAll(client, "/v1/items"))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage(
            "Invalid response to GET "
                + server.baseUrl()
                + "/v1/items: no \"data\" array (expected a JSON:API collection)");
  }

  @Test
  void endlessListingStopsAtThePageLimit() {
    AtomicInteger cursor = new AtomicInteger();
    server.on(
        "GET /v1/items",
        request ->
            Reply.json(
                200, page("x", server.baseUrl() + "/v1/items?cursor=" + cursor.incrementAndGet())));

    assertThatThrownBy(() -> JsonApiPager.fetchAll(client, "/v1/items"))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessageStartingWith("Cannot follow links.next past 1000 pages from ");
    assertThat(server.requests("GET", "/v1/items")).hasSize(JsonApiPager.MAX_PAGES);
  }

  private static String page(String id, String next) {
    String links = next == null ? "{\"self\":\"x\"}" : "{\"self\":\"x\",\"next\":\"" + next + "\"}";
    return "{\"data\":[{\"type\":\"items\",\"id\":\"" + id + "\"}],\"links\":" + links + "}";
  }
}
