package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerReviewsTest {

  private static final String APP = "1000000001";
  private static final String PATH = "/v1/apps/" + APP + "/customerReviews";

  /** Returns the reviews of every page, following links.next from {@code first}. */
  private static List<JsonNode> allPages(SandboxFixture sandbox, String first) {
    List<JsonNode> reviews = new ArrayList<>();
    String next = first;
    while (next != null) {
      JsonNode page = sandbox.getJson(next);
      page.path("data").forEach(reviews::add);
      next = page.path("links").has("next") ? page.path("links").path("next").asText() : null;
    }
    return reviews;
  }

  @Test
  void newestFirstMatchesGroundTruth() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      List<JsonNode> reviews = allPages(sandbox, PATH + "?sort=-createdDate&limit=7");
      List<Map<String, String>> truth = sandbox.server.groundTruth().reviews(APP);

      // Ten days of history, five reviews per app and day.
      assertThat(reviews).hasSize(50);
      assertThat(truth).hasSize(50);
      for (int i = 0; i < reviews.size(); i++) {
        JsonNode attributes = reviews.get(i).path("attributes");
        Map<String, String> expected = truth.get(i);
        assertThat(reviews.get(i).path("type").asText()).isEqualTo("customerReviews");
        assertThat(reviews.get(i).path("id").asText()).isEqualTo(expected.get("id"));
        assertThat(attributes.path("rating").asText()).isEqualTo(expected.get("rating"));
        assertThat(attributes.path("title").asText()).isEqualTo(expected.get("title"));
        assertThat(attributes.path("body").asText()).isEqualTo(expected.get("body"));
        assertThat(attributes.path("createdDate").asText()).isEqualTo(expected.get("createdDate"));
        assertThat(attributes.path("territory").asText()).matches("[A-Z]{3}");
      }
      for (int i = 1; i < reviews.size(); i++) {
        assertThat(createdDate(reviews.get(i)).toInstant())
            .isBeforeOrEqualTo(createdDate(reviews.get(i - 1)).toInstant());
      }
    }
  }

  @Test
  void createdDateCarriesPacificOffset() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      List<JsonNode> reviews = allPages(sandbox, PATH + "?sort=-createdDate&limit=200");

      for (JsonNode review : reviews) {
        String createdDate = review.path("attributes").path("createdDate").asText();
        assertThat(createdDate).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}-0[78]:00");
        assertThat(createdDate(review).getOffset()).isNotEqualTo(ZoneOffset.UTC);
      }
      assertThat(reviews)
          .as("some reviews fall on the previous local day")
          .anyMatch(
              r ->
                  !createdDate(r)
                      .toLocalDate()
                      .equals(createdDate(r).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()));
    }
  }

  @Test
  void filtersByRatingAndTerritory() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      List<Map<String, String>> truth = sandbox.server.groundTruth().reviews(APP);
      String territory = truth.get(0).get("territory");

      List<JsonNode> lowRatings = allPages(sandbox, PATH + "?filter[rating]=1,2&limit=200");
      List<JsonNode> inTerritory =
          allPages(sandbox, PATH + "?filter%5Bterritory%5D=" + territory + "&limit=200");

      assertThat(lowRatings)
          .hasSize((int) truth.stream().filter(r -> r.get("rating").compareTo("2") <= 0).count())
          .allMatch(r -> r.path("attributes").path("rating").asInt() <= 2);
      assertThat(inTerritory)
          .hasSize((int) truth.stream().filter(r -> r.get("territory").equals(territory)).count())
          .allMatch(r -> r.path("attributes").path("territory").asText().equals(territory));
    }
  }

  @Test
  void sortByRatingAndOldestFirst() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      List<JsonNode> byRating = allPages(sandbox, PATH + "?sort=-rating&limit=200");
      List<JsonNode> oldestFirst = allPages(sandbox, PATH + "?sort=createdDate&limit=200");

      for (int i = 1; i < byRating.size(); i++) {
        assertThat(byRating.get(i).path("attributes").path("rating").asInt())
            .isLessThanOrEqualTo(byRating.get(i - 1).path("attributes").path("rating").asInt());
      }
      for (int i = 1; i < oldestFirst.size(); i++) {
        assertThat(createdDate(oldestFirst.get(i)).toInstant())
            .isAfterOrEqualTo(createdDate(oldestFirst.get(i - 1)).toInstant());
      }
    }
  }

  @Test
  void invalidParametersAreRejected() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      HttpResponse<byte[]> twoSortKeys = sandbox.get(PATH + "?sort=rating,-createdDate");
      HttpResponse<byte[]> alpha2 = sandbox.get(PATH + "?filter[territory]=US");
      HttpResponse<byte[]> rating6 = sandbox.get(PATH + "?filter[rating]=6");
      HttpResponse<byte[]> limit201 = sandbox.get(PATH + "?limit=201");
      HttpResponse<byte[]> unknownApp = sandbox.get("/v1/apps/42/customerReviews");

      assertThat(twoSortKeys.statusCode()).isEqualTo(400);
      assertThat(detail(twoSortKeys))
          .isEqualTo(
              "'rating,-createdDate' is not a valid value for the parameter 'sort'. Only one sort"
                  + " key is allowed");
      assertThat(alpha2.statusCode()).isEqualTo(400);
      assertThat(detail(alpha2)).contains("alpha-3");
      assertThat(rating6.statusCode()).isEqualTo(400);
      assertThat(limit201.statusCode()).isEqualTo(400);
      assertThat(unknownApp.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void deletedReviewBetweenPagesShiftsTheNextPage() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode firstPage = sandbox.getJson(PATH + "?sort=-createdDate&limit=10");
      String newest = firstPage.path("data").get(0).path("id").asText();

      sandbox.server.deleteReview(APP, newest);
      JsonNode secondPage = sandbox.getJson(firstPage.path("links").path("next").asText());
      List<Map<String, String>> truth = sandbox.server.groundTruth().reviews(APP);

      assertThat(truth).hasSize(49).noneMatch(r -> r.get("id").equals(newest));
      assertThat(secondPage.path("data").get(0).path("id").asText())
          .as("the offset cursor skips the review that moved up")
          .isEqualTo(truth.get(10).get("id"));
    }
  }

  @Test
  void editedReviewKeepsItsIdAndDate() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      JsonNode before = sandbox.getJson(PATH + "?sort=-createdDate&limit=3").path("data").get(2);
      String id = before.path("id").asText();

      sandbox.server.editReview(APP, id, "Changed my mind.\nIt is fine now.");
      JsonNode after = sandbox.getJson(PATH + "?sort=-createdDate&limit=3").path("data").get(2);

      assertThat(after.path("id").asText()).isEqualTo(id);
      assertThat(after.path("attributes").path("body").asText())
          .isEqualTo("Changed my mind.\nIt is fine now.");
      assertThat(after.path("attributes").path("createdDate").asText())
          .isEqualTo(before.path("attributes").path("createdDate").asText());
      assertThat(sandbox.server.groundTruth().reviews(APP).get(2).get("body"))
          .isEqualTo("Changed my mind.\nIt is fine now.");
    }
  }

  @Test
  void reviewChangesOverHttp() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String newest = sandbox.server.groundTruth().reviews(APP).get(0).get("id");

      HttpResponse<byte[]> deleted =
          sandbox.postUnauthenticated("/sandbox/reviews/delete", "{\"appId\":\"" + APP + "\"}");
      HttpResponse<byte[]> edited =
          sandbox.postUnauthenticated(
              "/sandbox/reviews/edit", "{\"appId\":\"" + APP + "\",\"body\":\"New text\"}");
      HttpResponse<byte[]> truth =
          sandbox.download(
              sandbox.server.baseUrl() + "/sandbox/ground-truth/reviews?app_id=" + APP);

      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(SandboxFixture.json(deleted).path("reviewId").asText()).isEqualTo(newest);
      assertThat(edited.statusCode()).isEqualTo(200);
      JsonNode reviews = SandboxFixture.json(truth);
      assertThat(reviews.size()).isEqualTo(49);
      assertThat(reviews.get(0).path("id").asText())
          .isEqualTo(SandboxFixture.json(edited).path("reviewId").asText());
      assertThat(reviews.get(0).path("body").asText()).isEqualTo("New text");
    }
  }

  @Test
  void reviewsPerDayAreConfigurable() {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().reviewsPerDay(2))) {
      JsonNode page = sandbox.getJson(PATH + "?limit=1");

      assertThat(page.path("meta").path("paging").path("total").asInt()).isEqualTo(20);
      assertThat(page.path("links").path("next").asText()).contains("cursor=");
    }
  }

  private static String detail(HttpResponse<byte[]> response) {
    return SandboxFixture.json(response).path("errors").get(0).path("detail").asText();
  }

  private static OffsetDateTime createdDate(JsonNode review) {
    return OffsetDateTime.parse(review.path("attributes").path("createdDate").asText());
  }
}
