package io.appstoreetl.sandbox.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.Json;
import io.appstoreetl.sandbox.http.JsonApi;
import io.appstoreetl.sandbox.http.Paging;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/apps/{id}/customerReviews}, with Apple's filters, one sort key and paging.
 *
 * <p>No review has a published developer response, so {@code exists[publishedResponse]=true} lists
 * none. Paging uses offsets, so a review deleted between two page calls shifts the later pages by
 * one, as it would with any offset cursor.
 */
public final class ReviewsEndpoints {

  private static final String REVIEWS = "customerReviews";
  private static final List<String> SORTS =
      List.of("rating", "-rating", "createdDate", "-createdDate");
  private static final List<String> RATINGS = List.of("1", "2", "3", "4", "5");

  private final ReviewStore store;

  public ReviewsEndpoints(ReviewStore store) {
    this.store = store;
  }

  /** {@code GET /v1/apps/{id}/customerReviews}. */
  public ApiResponse list(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            "filter[rating]",
            "filter[territory]",
            "exists[publishedResponse]",
            "sort",
            JsonApi.fieldsParameter(REVIEWS),
            JsonApi.fieldsParameter("customerReviewResponses"),
            "include",
            "limit",
            "cursor"));
    String appId = request.pathParameter(0);
    List<Review> reviews;
    try {
      reviews = store.visible(appId);
    } catch (IllegalArgumentException e) {
      throw ApiErrors.notFound("apps", appId);
    }
    List<String> ratings = query.enumValues("filter[rating]", RATINGS);
    List<String> territories = territories(query);
    boolean withResponse = publishedResponseFilter(query);
    boolean includeResponse = query.enumValues("include", List.of("response")).contains("response");
    Map<String, Set<String>> fieldsets =
        JsonApi.sparseFieldsets(query, List.of(REVIEWS, "customerReviewResponses"));

    List<Review> matching = new ArrayList<>();
    for (Review review : reviews) {
      if ((ratings.isEmpty() || ratings.contains(Integer.toString(review.rating())))
          && (territories.isEmpty() || territories.contains(review.territory()))
          && !withResponse) {
        matching.add(review);
      }
    }
    matching.sort(order(query));

    List<ObjectNode> resources = new ArrayList<>();
    for (Review review : matching) {
      ObjectNode resource = resource(request.baseUrl(), review, includeResponse);
      JsonApi.applySparseFieldsets(resource, fieldsets);
      resources.add(resource);
    }
    return ApiResponse.json(
        200, JsonApi.collection(request, Paging.page(resources, query), List.of()));
  }

  /**
   * Returns the order of the {@code sort} parameter. Without one, the sandbox orders by id.
   *
   * <p>NOTE: Apple does not document the order without {@code sort}. Ordering by id, which is
   * neither newest nor oldest first, catches a client that relies on a default.
   */
  private static Comparator<Review> order(QueryParameters query) {
    String sort = query.get("sort").orElse(null);
    if (sort == null) {
      return Comparator.comparing(Review::id);
    }
    if (sort.contains(",")) {
      throw ApiErrors.parameterInvalid(
          "sort",
          "'"
              + sort
              + "' is not a valid value for the parameter 'sort'. Only one sort key is allowed");
    }
    query.enumValues("sort", SORTS);
    Comparator<Review> oldestFirst = ReviewStore.NEWEST_FIRST.reversed();
    Comparator<Review> byRating =
        Comparator.comparingInt(Review::rating).thenComparing(ReviewStore.NEWEST_FIRST);
    return switch (sort) {
      case "-createdDate" -> ReviewStore.NEWEST_FIRST;
      case "createdDate" -> oldestFirst;
      case "rating" -> byRating;
      default ->
          Comparator.comparingInt(Review::rating)
              .reversed()
              .thenComparing(ReviewStore.NEWEST_FIRST);
    };
  }

  private static List<String> territories(QueryParameters query) {
    String value = query.get("filter[territory]").orElse(null);
    if (value == null) {
      return List.of();
    }
    List<String> codes = List.of(value.split(",", -1));
    for (String code : codes) {
      if (!code.matches("[A-Z]{3}")) {
        throw ApiErrors.parameterInvalid(
            "filter[territory]",
            "'"
                + code
                + "' is not a valid value for the parameter 'filter[territory]'. Use an ISO 3166-1"
                + " alpha-3 code such as USA");
      }
    }
    return codes;
  }

  private static boolean publishedResponseFilter(QueryParameters query) {
    List<String> values = query.enumValues("exists[publishedResponse]", List.of("true", "false"));
    return values.contains("true");
  }

  private static ObjectNode resource(String baseUrl, Review review, boolean includeResponse) {
    ObjectNode attributes = Json.MAPPER.createObjectNode();
    attributes.put("rating", review.rating());
    attributes.put("title", review.title());
    attributes.put("body", review.body());
    attributes.put("reviewerNickname", review.reviewerNickname());
    attributes.put(
        "createdDate", review.createdDate().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    attributes.put("territory", review.territory());
    ObjectNode resource =
        JsonApi.resource(baseUrl, REVIEWS, review.id(), attributes, List.of("response"));
    if (includeResponse) {
      ((ObjectNode) resource.path("relationships").path("response")).putNull("data");
    }
    return resource;
  }
}
