package io.appstoreetl.extractor.reviews;

import static io.appstoreetl.extractor.testing.AppleDocuments.page;
import static io.appstoreetl.extractor.testing.AppleDocuments.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReviewsExtractor {
  private static final String APP = "1000000001";
  private static final String FIRST =
      "GET /v1/apps/1000000001/customerReviews?sort=-createdDate&limit=200";
  private static final String SECOND =
      "GET /v1/apps/1000000001/customerReviews?cursor=AQ.AMt2C-U&limit=200&sort=-createdDate";

  @TempDir Path root;

  private FakeAppStoreConnect server;
  private MutableClock clock;
  private RawZone rawZone;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    clock = new MutableClock(Instant.parse("2025-01-10T06:00:00Z"));
    rawZone = new RawZone(root, TestSupport.MAPPER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void firstFetchLandsEveryPageUnchanged() throws IOException {
    String page1 =
        page(
            nextUrl(),
            review("rev-3", 5, "2025-01-08T23:30:00-08:00"),
            review("rev-2", 4, "2025-01-08T10:00:00+09:00"));
    String page2 = page(null, review("rev-1", 1, "2024-12-31T23:59:59Z"));
    server.on(FIRST, Reply.json(200, page1));
    server.on(SECOND, Reply.json(200, page2));

    ReviewsResult result = extractor().extract(APP);

    assertThat(result.status()).isEqualTo("complete");
    assertThat(result.reviews()).isEqualTo(3);
    assertThat(result.pages()).isEqualTo(2);
    assertThat(result.stoppedEarly()).isFalse();
    assertThat(result.unitKey())
        .matches(
            "source=reviews/app_id=1000000001/fetched_date=2025-01-10/landing=20250110T060000000Z-[0-9a-f]{8}/");
    assertThat(Files.readString(root.resolve(result.unitKey() + "page=0001.json")))
        .isEqualTo(page1);
    assertThat(Files.readString(root.resolve(result.unitKey() + "page=0002.json")))
        .isEqualTo(page2);

    JsonNode manifest = manifest(result.unitKey());
    assertThat(manifest.path("source").asText()).isEqualTo("reviews");
    assertThat(manifest.path("app_id").asText()).isEqualTo(APP);
    assertThat(manifest.path("report").isNull()).isTrue();
    assertThat(manifest.path("granularity").isNull()).isTrue();
    assertThat(manifest.path("fetched_date").asText()).isEqualTo("2025-01-10");
    assertThat(manifest.path("row_count").asInt()).isEqualTo(3);
    assertThat(manifest.path("metric_dates").toString())
        .as("UTC dates of createdDate: 2025-01-09 07:30Z, 2025-01-08 01:00Z, 2024-12-31")
        .isEqualTo("[\"2024-12-31\",\"2025-01-08\",\"2025-01-09\"]");
    assertThat(manifest.path("stopped_at_review_id").asText()).isEqualTo("rev-1");
    assertThat(manifest.path("stopped_at_created_date").asText()).isEqualTo("2024-12-31T23:59:59Z");
    JsonNode file = manifest.path("files").get(0);
    assertThat(file.path("path").asText()).isEqualTo("page=0001.json");
    assertThat(file.path("row_count").asInt()).isEqualTo(2);
    assertThat(file.path("md5").asText())
        .isEqualTo(TestSupport.md5(page1.getBytes(StandardCharsets.UTF_8)));
    assertThat(
            root.resolve(
                "index/metric_date=2025-01-09/" + RawKeys.sha256Prefix(result.unitKey()) + ".json"))
        .exists();
    assertThat(server.requests("GET", "/v1/apps/1000000001/customerReviews").get(0).query())
        .isEqualTo("sort=-createdDate&limit=200");
  }

  @Test
  void nextFetchStopsPastTheOverlapEvenIfTheNewestReviewWasDeleted() throws IOException {
    server.on(FIRST, Reply.json(200, page(null, review("rev-deleted", 5, "2025-01-09T10:00:00Z"))));
    extractor().extract(APP);
    clock.advance(Duration.ofDays(3));

    // rev-deleted is gone; the newest landed createdDate (2025-01-09T10:00Z) minus 2 days is the
    // stop point, and rev-old on the first page lies before it.
    server.on(
        FIRST,
        Reply.json(
            200,
            page(
                nextUrl(),
                review("rev-new", 5, "2025-01-12T08:00:00Z"),
                review("rev-edited", 3, "2025-01-08T12:00:00Z"),
                review("rev-old", 2, "2025-01-06T09:00:00Z"))));
    server.on(
        SECOND, Reply.json(200, page(null, review("rev-ancient", 1, "2020-01-01T00:00:00Z"))));

    ReviewsResult result = extractor().extract(APP);

    assertThat(result.status()).isEqualTo("complete");
    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.pages()).isEqualTo(1);
    assertThat(server.requests("GET", "/v1/apps/1000000001/customerReviews"))
        .as("the second page is never asked for")
        .hasSize(2);
    assertThat(result.unitKey()).contains("/fetched_date=2025-01-13/");
    assertThat(manifest(result.unitKey()).path("stopped_at_review_id").asText())
        .isEqualTo("rev-old");
  }

  @Test
  void reviewWithoutCreatedDateFailsClearly() {
    com.fasterxml.jackson.databind.node.ObjectNode broken = review("rev-x", 5, "yesterday");
    server.on(FIRST, Reply.json(200, page(null, broken)));

    ReviewsResult result = extractor().extract(APP);

    assertThat(result.status()).isEqualTo("failed");
    assertThat(result.message())
        .isEqualTo(
            "Cannot land the customer reviews of app 1000000001: Invalid review 0 in the response"
                + " to GET "
                + server.baseUrl()
                + "/v1/apps/1000000001/customerReviews?sort=-createdDate&limit=200: createdDate"
                + " yesterday (expected ISO-8601 with an offset)");
    assertThat(root.resolve("index")).doesNotExist();
  }

  @Test
  void appWithoutReviewsLandsAnEmptyFetch() throws IOException {
    server.on(FIRST, Reply.json(200, page(null)));

    ReviewsResult result = extractor().extract(APP);

    assertThat(result.status()).isEqualTo("complete");
    assertThat(manifest(result.unitKey()).path("row_count").asInt()).isZero();
    assertThat(result.landedMetricDates()).isEmpty();
    assertThat(LocalDate.parse(manifest(result.unitKey()).path("fetched_date").asText()))
        .isEqualTo(LocalDate.parse("2025-01-10"));
  }

  private String nextUrl() {
    return server.baseUrl()
        + "/v1/apps/1000000001/customerReviews?cursor=AQ.AMt2C-U&limit=200&sort=-createdDate";
  }

  private ReviewsExtractor extractor() {
    return new ReviewsExtractor(
        TestSupport.client(server, clock),
        rawZone,
        new AttemptIds(clock),
        clock,
        "20250110T060000000Z-0badc0de",
        "0.1.0-test");
  }

  private JsonNode manifest(String unitKey) throws IOException {
    return TestSupport.MAPPER.readTree(root.resolve(unitKey + "manifest.json").toFile());
  }
}
